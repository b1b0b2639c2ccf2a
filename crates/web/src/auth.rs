//! Who is asking, and may they: sessions in cookies, CSRF tokens on every form, the
//! table of protected routes with the rule each follows, login rate limits and the
//! second factor.
//!
//! Every request passes [`load_visitor`] (which session, if any; which form token) and
//! every routed request [`policy::authorize`] (may this visitor use this route; is the
//! form token right). Handlers therefore never check roles or tokens themselves: they
//! take a [`Visitor`] or [`SignedIn`] and get on with their job.

pub mod cookies;
pub mod csrf;
pub mod limits;
pub mod policy;
pub mod second_factor;

use crate::AppState;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use std::sync::Arc;
use tokio::sync::OnceCell;
use wegwijs_domain::{Role, Viewer};
use wegwijs_store::User;

/// How long a session lasts after logging in. A working day: editors and providers log
/// in once in the morning; a forgotten session on a shared computer ends the same day.
pub const SESSION_LIFETIME_HOURS: i64 = 10;

/// The secrets and counters the checks share. Cheap to clone (one `Arc`).
#[derive(Clone, Default)]
pub struct Security {
    inner: Arc<SecurityInner>,
}

#[derive(Default)]
struct SecurityInner {
    /// Key of the form tokens, read from (or created in) the database on first use, so
    /// every web node of one database signs and checks the same tokens.
    form_key: OnceCell<Vec<u8>>,
    limits: limits::Limits,
    /// Per account, the time step of the last second-factor code accepted: a code is
    /// accepted once (RFC 6238, 5.2). In memory: with several web nodes a code could be
    /// replayed on another node within its 90 seconds.
    code_steps: std::sync::Mutex<std::collections::HashMap<wegwijs_domain::Id, u64>>,
}

impl Security {
    /// The key that signs form tokens.
    pub async fn form_key(&self, store: &wegwijs_store::Store) -> Result<&[u8], wegwijs_store::Error> {
        let key = self.inner.form_key.get_or_try_init(|| store.site_secret("form-token")).await?;
        Ok(key.as_slice())
    }

    /// Records that `user` used the code of time step `step`; false if that step (or a
    /// later one) was used before.
    pub fn use_code_step(&self, user: &wegwijs_domain::Id, step: u64) -> bool {
        let mut steps = self.inner.code_steps.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match steps.get(user) {
            Some(&last) if last >= step => false,
            _ => {
                steps.insert(user.clone(), step);
                true
            }
        }
    }

    /// The rate limits of login, password reset and invitation forms.
    pub fn limits(&self) -> &limits::Limits {
        &self.inner.limits
    }
}

/// A logged-in account, as [`load_visitor`] found it.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The account.
    pub user: User,
    /// The session token from the cookie (to end or rotate the session).
    pub token: String,
    /// Whether the second factor was given, or the account has none.
    pub complete: bool,
}

impl SignedIn {
    /// What this account may see.
    pub fn viewer(&self) -> Viewer {
        Viewer::Account { role: self.user.role, organisations: self.user.organisations.clone() }
    }

    /// Whether the account reviews and publishes (editor or admin).
    pub fn is_editor(&self) -> bool {
        self.user.role.is_editor()
    }

    /// Whether the account may change the entries of `organisation`: its providers,
    /// editors and admins.
    pub fn may_edit(&self, organisation: &wegwijs_domain::Id) -> bool {
        self.is_editor() || (self.user.role == Role::Aanbieder && self.user.organisations.contains(organisation))
    }

    /// How the account is named in the change log: `user:<id>`.
    pub fn actor(&self) -> String {
        format!("user:{}", self.user.id)
    }
}

/// The visitor of a request: an account (with the second factor given) or nobody, and
/// the token that the forms of the page must carry.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    /// The account, if logged in completely.
    pub signed_in: Option<SignedIn>,
    /// The CSRF token for forms on the page.
    pub form_token: String,
}

impl Visitor {
    /// What this visitor may see.
    pub fn viewer(&self) -> Viewer {
        self.signed_in.as_ref().map_or(Viewer::Public, SignedIn::viewer)
    }
}

/// What [`load_visitor`] found before the second factor was given: handlers of the
/// second-factor page need the half-finished session.
#[derive(Debug, Clone)]
pub struct PendingSecondFactor(pub SignedIn);

/// Reads the session cookie and the form cookie, and puts a [`Visitor`] in the request
/// for handlers and templates. A new form cookie, needed to sign the form token of a
/// visitor without one, is set on the response.
pub async fn load_visitor(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let jar = axum_extra::extract::CookieJar::from_headers(request.headers());
    let now = Utc::now();
    let mut signed_in = None;
    if let Some(token) = jar.get(cookies::SESSION).map(|c| c.value().to_owned()) {
        match state.store.session(&token, now).await {
            Ok(Some(session)) => {
                signed_in = Some(SignedIn { user: session.user, token, complete: session.second_factor_done });
            }
            Ok(None) => {}
            Err(error) => {
                tracing::error!(%error, "cannot read the session");
                return crate::AppError::from(error).into_response();
            }
        }
    }
    let key = match state.security.form_key(&state.store).await {
        Ok(key) => key.to_vec(),
        Err(error) => return crate::AppError::from(error).into_response(),
    };
    let (binding, new_form_cookie) = match &signed_in {
        Some(s) => (csrf::Binding::Session(s.token.clone()), None),
        None => match jar.get(cookies::FORM).map(|c| c.value().to_owned()).filter(|v| csrf::is_form_cookie(v)) {
            Some(value) => (csrf::Binding::Anonymous(value), None),
            None => {
                let value = csrf::new_form_cookie();
                (csrf::Binding::Anonymous(value.clone()), Some(value))
            }
        },
    };
    let form_token = csrf::token(&key, &binding);
    request.extensions_mut().insert(binding);
    let visitor = match signed_in {
        Some(s) if !s.complete => {
            request.extensions_mut().insert(PendingSecondFactor(s));
            Visitor { signed_in: None, form_token }
        }
        other => Visitor { signed_in: other, form_token },
    };
    let personal = signed_in_or_pending(&request, &visitor);
    request.extensions_mut().insert(visitor.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if personal {
        // Pages of an account can hold professional notes and names: no cache between
        // the server and the browser may keep them, and the browser not on disk.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    // Every page carries a form token bound to this browser's cookies.
    headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    // The error pages are rendered outside this layer; they show the same header.
    response.extensions_mut().insert(visitor);
    if let Some(value) = new_form_cookie {
        cookies::append(&mut response, &cookies::form_cookie(&value, state.config.secure_cookies()));
    }
    response
}

/// Whether the request belongs to an account (logged in, or halfway through the second
/// factor).
fn signed_in_or_pending(request: &Request, visitor: &Visitor) -> bool {
    visitor.signed_in.is_some() || request.extensions().get::<PendingSecondFactor>().is_some()
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Self>().cloned().unwrap_or_default())
    }
}

/// The logged-in account of a protected page. Routes that take it are listed in
/// [`policy::ROUTES`], which already sent anonymous visitors to the login page; the
/// rejection here is the fallback for a route wrongly left out.
impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Visitor>().and_then(|v| v.signed_in.clone()) {
            Some(signed_in) => Ok(signed_in),
            None => Err(to_login(parts.uri.path_and_query().map_or("/", |p| p.as_str())).into_response()),
        }
    }
}

/// The redirect to the login page that comes back to `path` afterwards.
pub fn to_login(path: &str) -> Redirect {
    let back = crate::page::local_path(path).unwrap_or("/portaal");
    Redirect::to(&format!("/inloggen?terug={}", crate::routes::encode(back)))
}
