//! `/beheer/gebruikers`: the administrators' list of accounts, adding one, switching
//! one off or on, and changing its role. Only admins get here (`auth::policy`). A new
//! account gets no password from the admin: the person chooses one through a link
//! mailed to them, so no password ever passes through someone else's hands.

use crate::auth::SignedIn;
use crate::forms::FieldProblem;
use crate::page::PageContext;
use crate::view::backoffice::{NewUserFields, UserRow, UsersPage};
use crate::view::{Chrome, Section};
use crate::{AppError, AppState, Locale};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::HashMap;
use wegwijs_domain::{EmailAddress, Id, Role};
use wegwijs_store::{NewUser, Page, User};

/// How long the link to choose a first password works: a week, so someone who is away
/// for a few days can still use it.
const FIRST_PASSWORD_DAYS: i64 = 7;
/// Longest name accepted, as for names of records.
const NAME_MAX: usize = 200;
/// Most organisations offered in the form; more than a region has.
const ORGANISATIONS_MAX: u32 = 1000;

/// `?melding=` codes of the list, set by the posts below.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    melding: String,
}

/// What a `melding` code says, and whether it is a refusal.
fn notice(locale: Locale, code: &str) -> Option<(String, bool)> {
    let (key, warning) = match code {
        "toegevoegd" => ("users.notice_created", false),
        "uitgezet" => ("users.notice_disabled", false),
        "aangezet" => ("users.notice_enabled", false),
        "rol" => ("users.notice_role", false),
        "zelf-uitzetten" => ("users.error_disable_self", true),
        "zelf-rol" => ("users.error_demote_self", true),
        _ => return None,
    };
    Some((locale.t(key).to_owned(), warning))
}

/// `GET /beheer/gebruikers`
pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    admin: SignedIn,
    Query(query): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let notice = notice(ctx.locale, &query.melding);
    Ok(Html(render(&state, &ctx, &admin, notice, NewUserFields::default(), Vec::new()).await?))
}

async fn render(
    state: &AppState,
    ctx: &PageContext,
    admin: &SignedIn,
    notice: Option<(String, bool)>,
    form: NewUserFields,
    problems: Vec<FieldProblem>,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let users = state.store.users().await?;
    let mut organisation_ids: Vec<Id> = users.iter().flat_map(|u| u.organisations.iter().cloned()).collect();
    organisation_ids.sort();
    organisation_ids.dedup();
    let names: HashMap<Id, String> = state
        .store
        .organisations_by_ids(&organisation_ids)
        .await?
        .into_iter()
        .map(|o| (o.id.clone(), o.name.to_string()))
        .collect();
    let rows = users.iter().enumerate().map(|(i, user)| row(locale, admin, &names, i, user)).collect();
    let organisations = state
        .store
        .organisations(Page { offset: 0, limit: ORGANISATIONS_MAX })
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name.to_string()))
        .collect();
    let mut title = locale.t("users.heading").to_owned();
    if !problems.is_empty() {
        title = locale.tf("account.title_with_errors", &[("title", &title)]);
    }
    let chrome = Chrome::new(ctx, title, "", &[]).noindex().section(Section::Editor);
    let (notice, warning) = notice.map_or((None, false), |(text, warning)| (Some(text), warning));
    let page = UsersPage {
        locale,
        chrome,
        notice,
        warning,
        users: rows,
        roles: Role::ALL.iter().map(|r| (r.code(), locale.t(&format!("role.{}", r.code())).to_owned())).collect(),
        organisations,
        form,
        problems,
    };
    Ok(askama::Template::render(&page)?)
}

/// One account as the list shows it.
fn row(locale: Locale, admin: &SignedIn, names: &HashMap<Id, String>, index: usize, user: &User) -> UserRow {
    let organisations: Vec<&str> =
        user.organisations.iter().filter_map(|id| names.get(id).map(String::as_str)).collect();
    let state = if user.disabled {
        "users.state_disabled"
    } else if !user.has_password {
        "users.state_no_password"
    } else {
        "users.state_active"
    };
    UserRow {
        name: user.name.clone(),
        email: user.email.to_string(),
        role: locale.t(&format!("role.{}", user.role.code())).to_owned(),
        role_label: locale.tf("users.role_of", &[("name", &user.name)]),
        role_code: user.role.code(),
        organisations: organisations.join(", "),
        state: locale.t(state).to_owned(),
        disabled: user.disabled,
        second_factor: locale.t(if user.has_totp { "users.on" } else { "users.off" }).to_owned(),
        last_login: user
            .last_login_at
            .map_or_else(|| locale.t("users.never").to_owned(), |at| super::super::account::moment(locale, at)),
        is_self: user.id == admin.user.id,
        action: locale.href(&format!("/beheer/gebruikers/{}", user.id)),
        key: format!("gebruiker-{}", index + 1),
    }
}

/// The posted form to add an account.
#[derive(Debug, Default, Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    naam: String,
    #[serde(default)]
    rol: String,
    #[serde(default)]
    organisatie: String,
}

/// A checked [`CreateForm`].
struct Checked {
    email: EmailAddress,
    name: String,
    role: Role,
    organisations: Vec<Id>,
}

/// Checks the form; the organisation must be one of `known` (a provider needs one).
fn check(locale: Locale, form: &CreateForm, known: &[Id]) -> Result<Checked, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let email = EmailAddress::parse(form.email.trim());
    if email.is_err() {
        problems.push(FieldProblem::new("email", locale.t("users.error_email")));
    }
    let name = form.naam.trim();
    if name.is_empty() {
        problems.push(FieldProblem::new("naam", locale.t("users.error_name")));
    } else if name.chars().count() > NAME_MAX {
        problems.push(FieldProblem::new("naam", locale.tf("users.error_name_long", &[("max", &NAME_MAX)])));
    }
    let role = Role::from_code(&form.rol);
    if role.is_none() {
        problems.push(FieldProblem::new("rol", locale.t("users.error_role")));
    }
    let organisation = Id::parse(form.organisatie.trim()).ok().filter(|id| known.contains(id));
    let organisations = match (role, organisation) {
        (Some(Role::Aanbieder), None) => {
            problems.push(FieldProblem::new("organisatie", locale.t("users.error_organisation")));
            Vec::new()
        }
        (Some(Role::Aanbieder), Some(id)) => vec![id],
        // Only providers act for an organisation; a choice made for another role is ignored.
        _ => Vec::new(),
    };
    match (email, role) {
        (Ok(email), Some(role)) if problems.is_empty() => {
            Ok(Checked { email, name: name.to_owned(), role, organisations })
        }
        _ => Err(problems),
    }
}

/// `POST /beheer/gebruikers`: adds an account without a password and mails the person
/// a link to choose one.
pub async fn create(
    State(state): State<AppState>,
    ctx: PageContext,
    admin: SignedIn,
    Form(form): Form<CreateForm>,
) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let fields = NewUserFields {
        email: form.email.clone(),
        name: form.naam.clone(),
        role: form.rol.clone(),
        organisation: form.organisatie.clone(),
    };
    let known: Vec<Id> = match Id::parse(form.organisatie.trim()) {
        Ok(id) => state.store.organisation(&id).await?.map(|o| o.id).into_iter().collect(),
        Err(_) => Vec::new(),
    };
    let checked = match check(locale, &form, &known) {
        Ok(checked) => checked,
        Err(problems) => return refuse(&state, &ctx, &admin, fields, problems).await,
    };
    let new = NewUser {
        email: checked.email.clone(),
        name: checked.name.clone(),
        role: checked.role,
        organisations: checked.organisations,
        password: None,
    };
    let user = match state.store.create_user(&new).await {
        Ok(user) => user,
        Err(wegwijs_store::Error::Conflict { .. }) => {
            let problems = vec![FieldProblem::new("email", locale.t("users.error_taken"))];
            return refuse(&state, &ctx, &admin, fields, problems).await;
        }
        Err(error) => return Err(error.into()),
    };
    tracing::info!(user = %user.id, role = user.role.code(), admin = %admin.user.id, "account added");
    let lifetime = chrono::Duration::days(FIRST_PASSWORD_DAYS);
    crate::routes::account::send_password_link(&state, &ctx, &user, lifetime, Some(&admin)).await?;
    Ok(Redirect::to(&locale.href("/beheer/gebruikers?melding=toegevoegd")).into_response())
}

/// The list again with the form as typed and what is wrong with it.
async fn refuse(
    state: &AppState,
    ctx: &PageContext,
    admin: &SignedIn,
    fields: NewUserFields,
    problems: Vec<FieldProblem>,
) -> Result<Response, AppError> {
    let body = render(state, ctx, admin, None, fields, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response())
}

/// The posted change of one account.
#[derive(Debug, Default, Deserialize)]
pub struct ChangeForm {
    /// `uitzetten`, `aanzetten` or `rol`.
    #[serde(default)]
    actie: String,
    /// The new role's code, with `actie=rol`.
    #[serde(default)]
    rol: String,
}

/// `POST /beheer/gebruikers/{id}`: switches an account off or on, or changes its role.
/// Admins cannot switch themselves off or change their own role: the site must never
/// be left without an admin by a slip of the mouse.
pub async fn change(
    State(state): State<AppState>,
    ctx: PageContext,
    admin: SignedIn,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    let id = Id::parse(&id).map_err(|_| AppError::NotFound)?;
    let user = state.store.user(&id).await?.ok_or(AppError::NotFound)?;
    let is_self = user.id == admin.user.id;
    let code = match form.actie.as_str() {
        "uitzetten" if is_self => "zelf-uitzetten",
        "uitzetten" => {
            state.store.set_disabled(&user.id, true).await?;
            tracing::info!(user = %user.id, admin = %admin.user.id, "account disabled");
            "uitgezet"
        }
        "aanzetten" => {
            state.store.set_disabled(&user.id, false).await?;
            tracing::info!(user = %user.id, admin = %admin.user.id, "account enabled");
            "aangezet"
        }
        "rol" => {
            let role = Role::from_code(&form.rol).ok_or_else(|| AppError::BadRequest("rol".into()))?;
            if is_self && role != user.role {
                "zelf-rol"
            } else {
                state.store.set_role(&user.id, role).await?;
                tracing::info!(user = %user.id, role = role.code(), admin = %admin.user.id, "role changed");
                "rol"
            }
        }
        _ => return Err(AppError::BadRequest("actie".into())),
    };
    Ok(Redirect::to(&ctx.locale.href(&format!("/beheer/gebruikers?melding={code}"))).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(email: &str, name: &str, role: &str, organisation: &str) -> CreateForm {
        CreateForm { email: email.into(), naam: name.into(), rol: role.into(), organisatie: organisation.into() }
    }

    #[test]
    fn a_provider_needs_a_known_organisation() {
        let org = Id::random();
        let fields = |r: Result<Checked, Vec<FieldProblem>>| {
            r.err().unwrap().iter().map(|p| p.field.clone()).collect::<Vec<_>>()
        };
        assert_eq!(fields(check(Locale::Nl, &form("a@b.nl", "Anne", "aanbieder", ""), &[])), ["organisatie"]);
        let ok = check(Locale::Nl, &form("a@b.nl", "Anne", "aanbieder", org.as_str()), std::slice::from_ref(&org))
            .ok()
            .unwrap();
        assert_eq!(ok.organisations, std::slice::from_ref(&org));
        let editor = check(Locale::Nl, &form("a@b.nl", " Bram ", "redacteur", org.as_str()), &[org]).ok().unwrap();
        assert!(editor.organisations.is_empty(), "only providers act for an organisation");
        assert_eq!(editor.name, "Bram");
    }

    #[test]
    fn every_problem_of_the_form_is_reported_at_once() {
        let problems = check(Locale::Nl, &form("geen adres", " ", "", ""), &[]).err().unwrap();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["email", "naam", "rol"]);
        assert!(check(Locale::Nl, &form("a@b.nl", &"x".repeat(NAME_MAX + 1), "professional", ""), &[]).is_err());
    }

    #[test]
    fn every_notice_code_has_a_text() {
        for code in ["toegevoegd", "uitgezet", "aangezet", "rol", "zelf-uitzetten", "zelf-rol"] {
            for locale in [Locale::Nl, Locale::En] {
                let (text, _) = notice(locale, code).unwrap();
                assert_ne!(text, "?", "{code}");
            }
        }
        assert!(notice(Locale::Nl, "iets").is_none());
    }
}
