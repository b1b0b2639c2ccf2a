//! The one table of protected routes and the rule each follows, and the middleware that
//! applies it. Every route that changes something (any method but GET and HEAD) must be
//! in [`ROUTES`]: an unlisted one is refused outright, so a new form cannot go live
//! without someone deciding who may use it. Pages (GET) are public unless listed.

use super::{PendingSecondFactor, Visitor, csrf, to_login};
use crate::{AppError, AppState};
use axum::extract::{MatchedPath, RawPathParams, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use wegwijs_domain::{Id, Role};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Everyone, also without an account (public forms; still CSRF-checked).
    Anyone,
    /// Someone who gave the right password and must now give the second factor.
    SecondFactorPending,
    /// Any logged-in account.
    SignedIn,
    /// A provider of the organisation named by this path parameter, or an editor.
    OrganisationMember(&'static str),
    /// A provider of the organisation of the service named by this path parameter, or an editor.
    ServiceMember(&'static str),
    /// A provider of the organisation of the location named by this path parameter, or an editor.
    LocationMember(&'static str),
    /// A provider of the organisation a proposal (named by this path parameter) is
    /// about, or an editor.
    ProposalMember(&'static str),
    /// Editors and admins.
    Editor,
    /// Admins only.
    Admin,
}

/// A protected route: method, path as written in the router, and its rule.
#[derive(Debug, Clone, Copy)]
pub struct Protected {
    /// `GET`, `POST`, …
    pub method: &'static str,
    /// The path pattern exactly as routed (`/portaal/diensten/{id}/bewerken`).
    pub path: &'static str,
    /// Who may use it.
    pub rule: Rule,
}

const fn route(method: &'static str, path: &'static str, rule: Rule) -> Protected {
    Protected { method, path, rule }
}

/// Every route that changes something, and every page that is not public.
pub const ROUTES: &[Protected] = &[
    // Public forms.
    route("POST", "/mijn-lijst", Rule::Anyone),
    route("POST", "/diensten/{id}/fout-melden", Rule::Anyone),
    route("POST", "/inloggen", Rule::Anyone),
    route("POST", "/wachtwoord-vergeten", Rule::Anyone),
    route("POST", "/wachtwoord-herstellen/{token}", Rule::Anyone),
    route("POST", "/uitnodiging/{token}", Rule::Anyone),
    route("POST", "/bevestigen/{token}", Rule::Anyone),
    // Login steps and the own account.
    route("GET", "/inloggen/code", Rule::SecondFactorPending),
    route("POST", "/inloggen/code", Rule::SecondFactorPending),
    route("POST", "/uitloggen", Rule::SignedIn),
    route("GET", "/account", Rule::SignedIn),
    route("POST", "/account/wachtwoord", Rule::SignedIn),
    route("GET", "/account/tweestaps", Rule::Editor),
    route("POST", "/account/tweestaps", Rule::Editor),
    route("POST", "/account/tweestaps/uitzetten", Rule::Editor),
    // The provider portal (editors may use it for any organisation).
    route("GET", "/portaal", Rule::SignedIn),
    route("GET", "/portaal/organisaties/{org}/bewerken", Rule::OrganisationMember("org")),
    route("POST", "/portaal/organisaties/{org}/bewerken", Rule::OrganisationMember("org")),
    route("GET", "/portaal/organisaties/{org}/diensten/nieuw", Rule::OrganisationMember("org")),
    route("POST", "/portaal/organisaties/{org}/diensten/nieuw", Rule::OrganisationMember("org")),
    route("GET", "/portaal/diensten/{id}/bewerken", Rule::ServiceMember("id")),
    route("POST", "/portaal/diensten/{id}/bewerken", Rule::ServiceMember("id")),
    route("GET", "/portaal/locaties/{id}/bewerken", Rule::LocationMember("id")),
    route("POST", "/portaal/locaties/{id}/bewerken", Rule::LocationMember("id")),
    route("POST", "/portaal/voorstellen/{id}/intrekken", Rule::ProposalMember("id")),
    // The editors' back office.
    route("GET", "/redactie", Rule::Editor),
    route("GET", "/redactie/voorstellen/{id}", Rule::Editor),
    route("POST", "/redactie/voorstellen/{id}/goedkeuren", Rule::Editor),
    route("POST", "/redactie/voorstellen/{id}/afwijzen", Rule::Editor),
    route("GET", "/redactie/voorstellen/{id}/bewerken", Rule::Editor),
    route("POST", "/redactie/voorstellen/{id}/bewerken", Rule::Editor),
    route("GET", "/redactie/actualiteit", Rule::Editor),
    route("GET", "/redactie/meldingen", Rule::Editor),
    route("POST", "/redactie/meldingen/{id}/sluiten", Rule::Editor),
    route("GET", "/redactie/uitnodigingen", Rule::Editor),
    route("POST", "/redactie/uitnodigingen", Rule::Editor),
    route("GET", "/redactie/geschiedenis/{kind}/{id}", Rule::Editor),
    route("POST", "/redactie/geschiedenis/{kind}/{id}", Rule::Editor),
    // Administration.
    route("GET", "/beheer/gebruikers", Rule::Admin),
    route("POST", "/beheer/gebruikers", Rule::Admin),
    route("POST", "/beheer/gebruikers/{id}", Rule::Admin),
];

/// Largest form body read for the CSRF check. The routes' own limits are lower; this
/// only bounds what is held in memory before them.
const MAX_FORM_BODY: usize = 1024 * 1024;

/// The rule of a route, if listed.
pub fn rule_of(method: &Method, path: &str) -> Option<Rule> {
    ROUTES.iter().find(|r| r.path == path && r.method == method.as_str()).map(|r| r.rule)
}

/// Applies [`ROUTES`] (run as a route layer, so the matched path is known): refuses
/// unlisted writes, sends visitors without the right account away, and checks the CSRF
/// token of every write before its handler sees the request.
pub async fn authorize(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let is_write = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    let path = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let rule = match rule_of(&method, &path) {
        Some(rule) => rule,
        None if is_write => {
            tracing::error!(%method, path, "refused: this write route is not listed in auth::policy::ROUTES");
            return AppError::Forbidden.into_response();
        }
        None => return next.run(request).await,
    };
    let (mut parts, body) = request.into_parts();
    match allowed(&state, rule, &mut parts).await {
        Ok(Decision::Allow) => {}
        Ok(Decision::Login) => {
            let here = parts.uri.path_and_query().map_or("/", |p| p.as_str());
            // After a post the page to come back to is the form, not the post itself.
            return if is_write { to_login("/portaal").into_response() } else { to_login(here).into_response() };
        }
        Ok(Decision::SecondFactor) => return Redirect::to("/inloggen/code").into_response(),
        Ok(Decision::Deny) => return AppError::Forbidden.into_response(),
        Err(error) => return error.into_response(),
    }
    if !is_write {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let bytes = match axum::body::to_bytes(body, MAX_FORM_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let Some(binding) = parts.extensions.get::<csrf::Binding>().cloned() else {
        return AppError::FormExpired.into_response();
    };
    let key = match state.security.form_key(&state.store).await {
        Ok(key) => key,
        Err(error) => return AppError::from(error).into_response(),
    };
    let given = csrf::token_in_form(&bytes).unwrap_or_default();
    if !csrf::is_valid(key, &binding, &given) {
        tracing::info!(%method, path, "form refused: missing or wrong CSRF token");
        return AppError::FormExpired.into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await
}

enum Decision {
    Allow,
    Login,
    SecondFactor,
    Deny,
}

async fn allowed(state: &AppState, rule: Rule, parts: &mut axum::http::request::Parts) -> Result<Decision, AppError> {
    if rule == Rule::Anyone {
        return Ok(Decision::Allow);
    }
    let pending = parts.extensions.get::<PendingSecondFactor>().is_some();
    if rule == Rule::SecondFactorPending {
        return Ok(if pending { Decision::Allow } else { Decision::Login });
    }
    let Some(signed_in) = parts.extensions.get::<Visitor>().and_then(|v| v.signed_in.clone()) else {
        return Ok(if pending { Decision::SecondFactor } else { Decision::Login });
    };
    let role = signed_in.user.role;
    let organisation = match rule {
        Rule::Anyone | Rule::SecondFactorPending | Rule::SignedIn => return Ok(Decision::Allow),
        Rule::Editor => return Ok(if role.is_editor() { Decision::Allow } else { Decision::Deny }),
        Rule::Admin => return Ok(if role == Role::Beheerder { Decision::Allow } else { Decision::Deny }),
        _ if role.is_editor() => return Ok(Decision::Allow),
        _ if role != Role::Aanbieder => return Ok(Decision::Deny),
        Rule::OrganisationMember(param) => path_id(parts, param).await,
        Rule::ServiceMember(param) => match path_id(parts, param).await {
            Some(id) => state.store.service(&id).await?.map(|s| s.organisation_id),
            None => None,
        },
        Rule::LocationMember(param) => match path_id(parts, param).await {
            Some(id) => state.store.location(&id).await?.and_then(|l| l.organisation_id),
            None => None,
        },
        Rule::ProposalMember(param) => match path_id(parts, param).await {
            Some(id) => state.store.proposal(&id).await?.map(|p| p.organisation_id),
            None => None,
        },
    };
    // A provider is let through only for a record of one of its own organisations; an
    // id that names nothing is refused the same way, so ids cannot be probed.
    Ok(match organisation {
        Some(org) if signed_in.user.organisations.contains(&org) => Decision::Allow,
        _ => Decision::Deny,
    })
}

/// The id in path parameter `name`, if it is one.
async fn path_id(parts: &mut axum::http::request::Parts, name: &str) -> Option<Id> {
    use axum::extract::FromRequestParts;
    let params = RawPathParams::from_request_parts(parts, &()).await.ok()?;
    params.iter().find(|(key, _)| *key == name).and_then(|(_, value)| Id::parse(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for r in ROUTES {
            assert!(seen.insert((r.method, r.path)), "{} {} is listed twice", r.method, r.path);
            assert!(["GET", "POST"].contains(&r.method), "{} {}", r.method, r.path);
        }
    }

    #[test]
    fn path_parameters_named_by_rules_are_in_their_paths() {
        for r in ROUTES {
            let param = match r.rule {
                Rule::OrganisationMember(p)
                | Rule::ServiceMember(p)
                | Rule::LocationMember(p)
                | Rule::ProposalMember(p) => p,
                _ => continue,
            };
            assert!(r.path.contains(&format!("{{{param}}}")), "{} {} has no {{{param}}}", r.method, r.path);
        }
    }
}
