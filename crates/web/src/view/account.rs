//! The pages of logging in and of one's own account: small forms with their problems.

use super::chrome::Chrome;
use crate::forms::FieldProblem;
use crate::i18n::Locale;
use askama::Template;

/// `/inloggen`
#[derive(Template)]
#[template(path = "account/login.html")]
pub struct LoginPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The address as typed.
    pub email: String,
    /// Where to go after logging in.
    pub back: String,
    /// A message above the form (password changed, logged out), if any.
    pub notice: Option<String>,
    /// What went wrong (one message for the whole form: a login never says which
    /// of address or password was wrong).
    pub problems: Vec<FieldProblem>,
}

/// `/inloggen/code`
#[derive(Template)]
#[template(path = "account/code.html")]
pub struct CodePage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// Where to go afterwards.
    pub back: String,
    /// What went wrong.
    pub problems: Vec<FieldProblem>,
}

/// `/wachtwoord-vergeten` and the page after it.
#[derive(Template)]
#[template(path = "account/forgot.html")]
pub struct ForgotPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The address as typed.
    pub email: String,
    /// Whether the request was sent (then the page says to look in the mailbox).
    pub sent: bool,
    /// What went wrong.
    pub problems: Vec<FieldProblem>,
}

/// `/wachtwoord-herstellen/{token}` and `/uitnodiging/{token}`: choose a password (and,
/// for an invitation, say your name).
#[derive(Template)]
#[template(path = "account/choose_password.html")]
pub struct ChoosePasswordPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The page's heading.
    pub heading: String,
    /// The text under it.
    pub intro: String,
    /// Where the form posts to.
    pub action: String,
    /// The address the account is for (shown, not editable).
    pub email: String,
    /// Whether to ask for a name (invitations).
    pub ask_name: bool,
    /// The name as typed.
    pub name: String,
    /// What went wrong.
    pub problems: Vec<FieldProblem>,
    /// Text of the button.
    pub submit: String,
}

/// A page that only says something, with a link onwards: an expired link, an invitation
/// for an address that already has an account.
#[derive(Template)]
#[template(path = "account/message.html")]
pub struct MessagePage {
    /// The frame.
    pub chrome: Chrome,
    /// The heading.
    pub heading: String,
    /// The message.
    pub text: String,
    /// The link onwards: (address, text).
    pub link: Option<(String, String)>,
    /// A form with one button instead of a link: (action, button text).
    pub button: Option<(String, String)>,
}

/// `/account`
#[derive(Template)]
#[template(path = "account/account.html")]
pub struct AccountPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// Name of the account.
    pub name: String,
    /// Its address.
    pub email: String,
    /// Its role, in words.
    pub role: String,
    /// Names of its organisations.
    pub organisations: Vec<String>,
    /// Whether the second factor is on (`None`: not offered for this role).
    pub second_factor: Option<bool>,
    /// A message above the page (password changed), if any.
    pub notice: Option<String>,
    /// Problems of the password form.
    pub problems: Vec<FieldProblem>,
}

/// `/account/tweestaps`
#[derive(Template)]
#[template(path = "account/second_factor.html")]
pub struct SecondFactorPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// Whether it is on already.
    pub enabled: bool,
    /// The new secret to set up, grouped for typing.
    pub secret_grouped: String,
    /// The secret as posted back with the code.
    pub secret: String,
    /// The `otpauth://` link for apps on the same device.
    pub link: String,
    /// What went wrong.
    pub problems: Vec<FieldProblem>,
}
