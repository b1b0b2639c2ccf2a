//! Password hashing: argon2id with the crate's default parameters and a random salt
//! per password. One hash costs tens of milliseconds of CPU, so it runs on tokio's
//! blocking threads and never stalls the threads that answer requests.

use crate::{Error, Result};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Fewest characters (Unicode scalar values) a password may have. Length is what makes
/// a password hard to guess; no other rules (NIST SP 800-63B).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// An argon2id hash (default parameters) of a password nobody knows. A login attempt
/// for an unknown e-mail address, or for an account without a password, is checked
/// against it, so that the answer takes as long as for a real account and does not tell
/// which addresses have one.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$e2U1MuZ+YQIJWpa6r6y/bQ$nudzV1sy8VQzZSAVt75PINGDV96ACLRmK6/lEUo3mcY";

/// Whether `password` is long enough to be set: [`MIN_PASSWORD_CHARS`] characters
/// (not bytes), not counting spaces at either end, so twelve spaces are no password.
/// The one rule: the web forms and the CLI ask it too, for their own messages.
pub fn is_long_enough(password: &str) -> bool {
    password.trim().chars().count() >= MIN_PASSWORD_CHARS
}

/// Fails with [`Error::WeakPassword`] when `password` is too short to be set.
pub(crate) fn check_strength(password: &str) -> Result<()> {
    if !is_long_enough(password) {
        return Err(Error::WeakPassword { min_chars: MIN_PASSWORD_CHARS });
    }
    Ok(())
}

/// The PHC string to store for `password`, after checking its strength.
pub(crate) async fn hash(password: &str) -> Result<String> {
    check_strength(password)?;
    let password = password.to_owned();
    let hashed = tokio::task::spawn_blocking(move || Argon2::default().hash_password(password.as_bytes()))
        .await
        .map_err(|e| Error::PasswordHashing(e.to_string()))?;
    Ok(hashed.map_err(|e| Error::PasswordHashing(e.to_string()))?.to_string())
}

/// Whether `password` matches `stored` (a PHC string). Without a stored hash it is
/// checked against [`DUMMY_HASH`], taking as long, and the answer is always `false`.
pub(crate) async fn verify(password: &str, stored: Option<String>) -> Result<bool> {
    let (stored, real) = match stored {
        Some(stored) => (stored, true),
        None => (DUMMY_HASH.to_owned(), false),
    };
    let password = password.to_owned();
    let checked = tokio::task::spawn_blocking(move || -> argon2::password_hash::Result<bool> {
        let parsed = PasswordHash::new(&stored)?;
        match Argon2::default().verify_password(password.as_bytes(), &parsed) {
            Ok(()) => Ok(true),
            Err(argon2::password_hash::Error::PasswordInvalid) => Ok(false),
            Err(e) => Err(e),
        }
    })
    .await
    .map_err(|e| Error::PasswordHashing(e.to_string()))?;
    let matches = checked.map_err(|e| Error::PasswordHashing(e.to_string()))?;
    Ok(matches && real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused_by_characters_not_bytes() {
        assert!(matches!(check_strength("elf tekens!"), Err(Error::WeakPassword { min_chars: 12 })));
        assert!(check_strength("twaalf tekens").is_ok());
        // Twelve characters, more than twelve bytes.
        assert!(check_strength("ééééééééééé").is_err());
        assert!(check_strength("éééééééééééé").is_ok());
        assert!(check_strength(&" ".repeat(20)).is_err(), "spaces alone are no password");
        assert!(check_strength("  elf tekens!  ").is_err(), "spaces at the ends do not count");
    }

    #[tokio::test]
    async fn a_hash_verifies_its_own_password_only_and_is_salted() {
        let first = hash("correct paard batterij").await.unwrap();
        let second = hash("correct paard batterij").await.unwrap();
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "every hash has its own salt");
        assert!(!first.contains("paard"));
        assert!(verify("correct paard batterij", Some(first.clone())).await.unwrap());
        assert!(!verify("Correct paard batterij", Some(first)).await.unwrap());
    }

    #[tokio::test]
    async fn the_dummy_hash_costs_the_same_as_a_real_one_and_never_matches() {
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        let real = hash("een echt wachtwoord").await.unwrap();
        let real = PasswordHash::new(&real).unwrap();
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params, "same cost as a real hash");
        assert!(!verify("", None).await.unwrap());
        assert!(!verify("een echt wachtwoord", None).await.unwrap());
    }
}
