//! The second factor for editors and admins: a time-based one-time code (TOTP, RFC 6238)
//! from an authenticator app.

use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Six digits, 30 seconds per code, one code of tolerance either side (a phone clock a
/// little off): what every authenticator app uses by default.
fn totp(secret: Secret, issuer: &str, account: &str) -> Option<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(issuer.replace(':', " ")))
        .with_account_name(account.replace(':', " "))
        .build()
        .ok()
}

/// A new random secret, base32 as apps show and store it.
pub fn new_secret() -> String {
    Secret::generate().to_base32()
}

/// The time step of `code` if it is the current code of `secret` (or the one just
/// before or after). The caller refuses a step it accepted before, so an overheard code
/// cannot be used a second time.
pub fn accepted_step(secret_base32: &str, code: &str) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secret = Secret::try_from_base32(secret_base32.trim()).ok()?;
    totp(secret, "Wegwijs", "account")?.check_current(&code)
}

/// Whether `code` is a current code of `secret` (setting up: no replay to fear yet).
pub fn is_valid(secret_base32: &str, code: &str) -> bool {
    accepted_step(secret_base32, code).is_some()
}

/// The `otpauth://` link an authenticator app reads.
pub fn setup_link(secret_base32: &str, issuer: &str, account: &str) -> Option<String> {
    let secret = Secret::try_from_base32(secret_base32.trim()).ok()?;
    totp(secret, issuer, account)?.to_url().ok()
}

/// The secret in groups of four, easier to type over.
pub fn grouped(secret_base32: &str) -> String {
    secret_base32.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_code_is_accepted_and_others_are_not() {
        let secret = new_secret();
        let code =
            totp(Secret::try_from_base32(&secret).unwrap(), "Wegwijs", "a").unwrap().generate_current().to_string();
        assert!(is_valid(&secret, &code));
        assert!(is_valid(&secret, &format!("{} {}", &code[..3], &code[3..])), "spaces are allowed");
        let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 500_000) % 1_000_000);
        assert!(!is_valid(&secret, &wrong));
        assert!(!is_valid(&secret, "12345"));
        assert!(!is_valid("not base32!", &code));
    }

    #[test]
    fn the_setup_link_names_the_site_and_account() {
        let link = setup_link(&new_secret(), "Wegwijs Teylingen", "anne@example.nl").unwrap();
        assert!(link.starts_with("otpauth://totp/"), "{link}");
        assert!(link.contains("anne%40example.nl") || link.contains("anne@example.nl"), "{link}");
    }
}
