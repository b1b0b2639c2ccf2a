//! Constrained values that parse once and can then be trusted everywhere.
//!
//! Each type has a private field and is built only through `parse`/`TryFrom<String>`,
//! so a `PostalCode` in a `Service` is always a valid Dutch postcode.

/// The conversions every text value here shares: reading it as text, and the serde
/// round trip through `String`, whose `TryFrom` runs the type's own `parse`.
macro_rules! text_value {
    ($type:ident, $error:ident) => {
        impl AsRef<str> for $type {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $type {
            type Error = $error;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$type> for String {
            fn from(value: $type) -> Self {
                value.0
            }
        }
    };
}

mod email;
mod id;
mod phone;
mod postal_code;
mod text;
mod web_url;

pub use email::{EmailAddress, InvalidEmail};
pub use id::{Id, InvalidId};
pub use phone::{InvalidPhone, PhoneNumber};
pub use postal_code::{InvalidPostalCode, PostalCode};
pub use text::{InvalidText, Name};
pub use web_url::{InvalidUrl, WebUrl};
