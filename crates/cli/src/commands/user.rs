//! `wegwijs user add | list | disable`: accounts managed on the server itself. This is
//! how the first administrator is made, before anyone can log in to invite others, and
//! the way back in when nobody can.

use anyhow::{Context, bail};
use std::fmt::Write;
use wegwijs_domain::{EmailAddress, Id, Role};
use wegwijs_store::{Error as StoreError, MIN_PASSWORD_CHARS, NewUser, Store, User};

/// The environment variable a script puts the new password in, instead of typing it.
pub const PASSWORD_ENV: &str = "WEGWIJS_PASSWORD";

/// What to do with accounts.
#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Create an account and print its id. The password is asked twice on the terminal
    /// (not shown while typing); scripts can put it in the environment variable
    /// `WEGWIJS_PASSWORD` instead. At least 12 characters.
    Add(AddArgs),
    /// List every account: e-mail, name, role, organisations, disabled, 2FA, last login.
    List,
    /// Disable an account: it can no longer log in and its sessions end at once
    /// (`--enable` undoes it).
    Disable(DisableArgs),
    /// Set a new password for an account (asked like for `add`), lifting a lockout and
    /// ending its sessions: the way back in when nobody can log in.
    Password(PasswordArgs),
}

/// Arguments of `wegwijs user add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// E-mail address; the account logs in with it (case does not matter).
    #[arg(long)]
    email: String,
    /// The person's name, as others see it.
    #[arg(long)]
    name: String,
    /// professional, aanbieder, redacteur or beheerder (also: provider, editor, admin).
    #[arg(long, value_parser = parse_role)]
    role: Role,
    /// Id of an organisation the account acts for; repeat for more. An aanbieder
    /// (provider) needs at least one.
    #[arg(long = "organisation", value_name = "ID")]
    organisations: Vec<String>,
}

/// Arguments of `wegwijs user disable`.
#[derive(Debug, clap::Args)]
pub struct DisableArgs {
    /// E-mail address of the account.
    email: String,
    /// Enable the account again instead.
    #[arg(long)]
    enable: bool,
}

/// Arguments of `wegwijs user password`.
#[derive(Debug, clap::Args)]
pub struct PasswordArgs {
    /// E-mail address of the account.
    email: String,
}

fn parse_role(raw: &str) -> Result<Role, String> {
    Role::from_code(raw).ok_or_else(|| {
        let codes: Vec<&str> = Role::ALL.iter().map(|role| role.code()).collect();
        format!("unknown role `{raw}`; use one of: {}", codes.join(", "))
    })
}

/// Runs a `wegwijs user` command.
pub async fn run(database_url: &str, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add(args) => add(database_url, args).await,
        UserCommand::List => {
            let store = super::migrate::run(database_url).await?;
            print!("{}", table(&store.users().await?));
            Ok(())
        }
        UserCommand::Disable(args) => disable(database_url, args).await,
        UserCommand::Password(args) => set_password(database_url, args).await,
    }
}

async fn add(database_url: &str, args: AddArgs) -> anyhow::Result<()> {
    let email = EmailAddress::parse(&args.email)
        .map_err(|_| anyhow::anyhow!("`{}` is not an e-mail address; nothing was changed", args.email.trim()))?;
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name is empty; give the person's name");
    }
    if args.role == Role::Aanbieder && args.organisations.is_empty() {
        bail!("an aanbieder (provider) acts for an organisation: give at least one --organisation <id>");
    }
    let organisations = args
        .organisations
        .iter()
        .map(|raw| Id::parse(raw).with_context(|| format!("`{raw}` is not an organisation id")))
        .collect::<anyhow::Result<Vec<Id>>>()?;
    let store = super::migrate::run(database_url).await?;
    // Checked before the password is asked, so nobody types it twice for nothing.
    let found = store.organisations_by_ids(&organisations).await?;
    if let Some(missing) = organisations.iter().find(|id| !found.iter().any(|o| &o.id == *id)) {
        bail!("organisation `{missing}` does not exist; nothing was changed");
    }
    if store.user_by_email(email.as_str()).await?.is_some() {
        bail!("an account with the e-mail address {email} already exists; nothing was changed");
    }
    let password = read_password()?;
    let new = NewUser {
        email: email.clone(),
        name: name.to_owned(),
        role: args.role,
        organisations,
        password: Some(password),
    };
    let user = store.create_user(&new).await.map_err(|error| match error {
        StoreError::Conflict { .. } => anyhow::anyhow!("an account with the e-mail address {email} already exists"),
        StoreError::UnknownReference { target_id, .. } => anyhow::anyhow!("organisation `{target_id}` does not exist"),
        other => anyhow::Error::new(other).context("cannot create the account"),
    })?;
    eprintln!("Created the account {} ({}).", user.email, user.role.code());
    println!("{}", user.id);
    Ok(())
}

/// The new password: from [`PASSWORD_ENV`], or typed twice on the terminal.
fn read_password() -> anyhow::Result<String> {
    let too_short = |which: &str| {
        format!(
            "{which} is too short: use at least {MIN_PASSWORD_CHARS} characters (spaces at the ends do not count); \
             nothing was changed"
        )
    };
    if let Ok(password) = std::env::var(PASSWORD_ENV) {
        if !wegwijs_store::is_long_enough(&password) {
            bail!("{}", too_short(&format!("the password in {PASSWORD_ENV}")));
        }
        return Ok(password);
    }
    let no_terminal = || format!("cannot ask for the password (no terminal?); set {PASSWORD_ENV} instead");
    let first = rpassword::prompt_password("Password: ").with_context(no_terminal)?;
    if !wegwijs_store::is_long_enough(&first) {
        bail!("{}", too_short("the password"));
    }
    let second = rpassword::prompt_password("Password again: ").with_context(no_terminal)?;
    if first != second {
        bail!("the two passwords differ; nothing was changed");
    }
    Ok(first)
}

async fn disable(database_url: &str, args: DisableArgs) -> anyhow::Result<()> {
    let store: Store = super::migrate::run(database_url).await?;
    let Some(user) = store.user_by_email(&args.email).await? else {
        bail!("there is no account with the e-mail address {}", args.email.trim());
    };
    store.set_disabled(&user.id, !args.enable).await?;
    if args.enable {
        eprintln!("Enabled the account {}.", user.email);
    } else {
        eprintln!("Disabled the account {}; it can no longer log in and its sessions have ended.", user.email);
    }
    Ok(())
}

async fn set_password(database_url: &str, args: PasswordArgs) -> anyhow::Result<()> {
    let store = super::migrate::run(database_url).await?;
    let Some(user) = store.user_by_email(&args.email).await? else {
        bail!("there is no account with the e-mail address {}", args.email.trim());
    };
    store.set_password(&user.id, &read_password()?).await.context("cannot set the password")?;
    eprintln!("Set a new password for {}; its sessions have ended.", user.email);
    Ok(())
}

/// The accounts as a text table with aligned columns.
fn table(users: &[User]) -> String {
    if users.is_empty() {
        return "No accounts yet. Create one with `wegwijs user add`.\n".to_owned();
    }
    let yes_no = |flag: bool| if flag { "yes" } else { "no" }.to_owned();
    let header = ["EMAIL", "NAME", "ROLE", "ORGANISATIONS", "DISABLED", "2FA", "LAST LOGIN"].map(str::to_owned);
    let rows: Vec<[String; 7]> = users
        .iter()
        .map(|user| {
            [
                user.email.to_string(),
                user.name.clone(),
                user.role.code().to_owned(),
                if user.organisations.is_empty() {
                    "-".to_owned()
                } else {
                    user.organisations.iter().map(Id::as_str).collect::<Vec<_>>().join(",")
                },
                yes_no(user.disabled),
                yes_no(user.has_totp),
                user.last_login_at.map_or_else(|| "never".to_owned(), |at| at.format("%Y-%m-%d %H:%M UTC").to_string()),
            ]
        })
        .collect();
    let mut widths = [0usize; 7];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(widths) {
            let _ = write!(line, "{cell}{:pad$}  ", "", pad = width - cell.chars().count());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_read_in_dutch_and_english_and_others_name_the_choices() {
        assert_eq!(parse_role("beheerder"), Ok(Role::Beheerder));
        assert_eq!(parse_role("Editor"), Ok(Role::Redacteur));
        let error = parse_role("root").unwrap_err();
        assert!(error.contains("professional, aanbieder, redacteur, beheerder"), "{error}");
    }

    #[test]
    fn the_table_aligns_columns_also_with_accents() {
        let user = |email: &str, name: &str| User {
            id: Id::derived("test", email),
            email: EmailAddress::parse(email).unwrap(),
            name: name.into(),
            role: Role::Aanbieder,
            organisations: vec![Id::parse("org-1").unwrap(), Id::parse("org-2").unwrap()],
            disabled: false,
            has_password: true,
            has_totp: true,
            created_at: chrono::Utc::now(),
            last_login_at: None,
        };
        let text = table(&[user("zoe@example.nl", "Zoë Çelik"), user("an@example.nl", "Annemarie")]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("EMAIL"));
        assert!(lines[1].contains("org-1,org-2") && lines[1].ends_with("never"));
        // The role column starts at the same character in every line.
        let role_at: Vec<usize> = lines
            .iter()
            .map(|line| {
                let at = line.find("aanbieder").or_else(|| line.find("ROLE")).unwrap();
                line[..at].chars().count()
            })
            .collect();
        assert!(role_at.windows(2).all(|w| w[0] == w[1]), "{text}");
        assert_eq!(table(&[]), "No accounts yet. Create one with `wegwijs user add`.\n");
    }
}
