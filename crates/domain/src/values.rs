//! Constrained values that parse once and can then be trusted everywhere.
//!
//! Each type has a private field and is built only through `parse`/`TryFrom<String>`,
//! so a `PostalCode` in a `Service` is always a valid Dutch postcode.

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
