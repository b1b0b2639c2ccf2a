//! "Mijn lijst": kept in the browser in a cookie with service ids only (no account, no
//! server-side state), and shareable as `/mijn-lijst?id=…&id=…`. Saving works without
//! JavaScript: a small form posts here and comes back.

use crate::page::PageContext;
use crate::view::my_list::ListEntry;
use crate::view::{Chrome, MyListPage, Section, ServiceListItem, service_href};
use crate::{AppError, AppState};
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use wegwijs_domain::Id;

/// The cookie that holds the list.
pub const COOKIE: &str = "wegwijs_lijst";
/// Most services on a list; a cookie has room for about 100 ids.
pub const MAX_LIST: usize = 50;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/mijn-lijst", get(show).post(change))
}

/// The ids in the list cookie of a request.
pub fn ids_from_cookie(headers: &HeaderMap) -> Vec<Id> {
    let mut ids = Vec::new();
    for value in headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()) {
        for pair in value.split(';') {
            let Some((name, list)) = pair.trim().split_once('=') else { continue };
            if name != COOKIE {
                continue;
            }
            for id in list.split(['.', ',']).filter_map(|raw| Id::parse(raw).ok()) {
                if !ids.contains(&id) && ids.len() < MAX_LIST {
                    ids.push(id);
                }
            }
        }
    }
    ids
}

fn cookie(ids: &[Id]) -> HeaderValue {
    // Ids are UUIDs: no character in them needs escaping in a cookie value. `.` joins
    // them because a comma is not allowed in cookie values.
    let list: Vec<&str> = ids.iter().map(Id::as_str).collect();
    let value = if ids.is_empty() {
        format!("{COOKIE}=; Path=/; Max-Age=0; SameSite=Lax")
    } else {
        format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", list.join("."))
    };
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("wegwijs_lijst=; Path=/; Max-Age=0"))
}

async fn show(State(state): State<AppState>, ctx: PageContext, headers: HeaderMap) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let (shared_ids, _) = crate::routes::compare::requested_ids(&ctx);
    let shared = !shared_ids.is_empty();
    let ids = if shared { shared_ids.into_iter().take(MAX_LIST).collect() } else { ids_from_cookie(&headers) };
    let services = crate::routes::public_services(&state, &ids).await?;
    let notice = (services.len() < ids.len()).then(|| locale.t("list.gone").to_owned());
    let organisation_ids: Vec<Id> = services.iter().map(|s| s.organisation_id.clone()).collect();
    let organisations: HashMap<_, _> =
        state.store.organisations_by_ids(&organisation_ids).await?.into_iter().map(|o| (o.id.clone(), o)).collect();
    let entries: Vec<ListEntry> = services
        .iter()
        .map(|s| ListEntry {
            id: s.id.as_str().to_owned(),
            item: ServiceListItem::new(locale, s, organisations.get(&s.organisation_id)),
            phone: s.phones.first().map(|p| p.number.display_national()),
        })
        .collect();
    let mut share = url::form_urlencoded::Serializer::new(String::new());
    for entry in &entries {
        share.append_pair("id", &entry.id);
    }
    let share_url = format!("{}{}", ctx.origin, locale.href(&format!("/mijn-lijst?{}", share.finish())));
    let mailto = mailto(&ctx, &services, &entries, &share_url);
    let chrome =
        Chrome::new(&ctx, locale.t("list.title"), locale.t("list.intro"), &[]).noindex().section(Section::List);
    let page = MyListPage { locale, chrome, entries, shared, share_url, mailto, notice };
    Ok(Html(askama::Template::render(&page)?))
}

/// A `mailto:` link whose body lists the services with their page and phone number.
fn mailto(ctx: &PageContext, services: &[wegwijs_domain::Service], entries: &[ListEntry], share_url: &str) -> String {
    let locale = ctx.locale;
    let mut body = format!("{}\n\n", locale.t("list.mail_intro"));
    for (service, entry) in services.iter().zip(entries) {
        body.push_str(&format!("- {}", entry.item.name));
        if !entry.item.organisation.is_empty() {
            body.push_str(&format!(" ({})", entry.item.organisation));
        }
        body.push_str(&format!(
            "\n  {}{}\n",
            ctx.origin,
            service_href(locale, service.id.as_str(), service.name.as_str())
        ));
        if let Some(phone) = &entry.phone {
            body.push_str(&format!("  {}: {phone}\n", locale.t("service.phone")));
        }
    }
    body.push_str(&format!("\n{}\n{share_url}\n", locale.t("list.mail_share")));
    // RFC 6068: spaces as %20 (not +), line breaks as %0D%0A.
    let encode = |text: &str| {
        percent_encoding::utf8_percent_encode(&text.replace('\n', "\r\n"), percent_encoding::NON_ALPHANUMERIC)
            .to_string()
    };
    format!(
        "mailto:?subject={}&body={}",
        encode(&format!("{} – {}", locale.t("list.title"), ctx.config.site_name)),
        encode(&body)
    )
}

/// The form of the save and remove buttons.
#[derive(Debug, Deserialize)]
pub struct ListChange {
    /// The service (for `bewaar` and `verwijder`).
    #[serde(default)]
    id: String,
    /// Several services (for `vervang`: keep a shared list).
    #[serde(default)]
    ids: String,
    /// `bewaar`, `verwijder`, `leeg` or `vervang`.
    #[serde(default)]
    actie: String,
    /// Where to go back to: a path on this site.
    #[serde(default)]
    terug: String,
}

async fn change(ctx: PageContext, headers: HeaderMap, Form(form): Form<ListChange>) -> Result<Response, AppError> {
    if !crate::page::same_origin(&headers, &ctx.config) {
        return Ok(StatusCode::FORBIDDEN.into_response());
    }
    let mut ids = ids_from_cookie(&headers);
    let id = Id::parse(form.id.trim()).ok();
    match (form.actie.as_str(), id) {
        ("bewaar", Some(id)) => {
            if !ids.contains(&id) {
                if ids.len() >= MAX_LIST {
                    ids.remove(0);
                }
                ids.push(id);
            }
        }
        ("verwijder", Some(id)) => ids.retain(|kept| *kept != id),
        ("leeg", _) => ids.clear(),
        ("vervang", _) => {
            ids.clear();
            for id in form.ids.split(['.', ',', ' ']).filter_map(|raw| Id::parse(raw).ok()) {
                if !ids.contains(&id) && ids.len() < MAX_LIST {
                    ids.push(id);
                }
            }
        }
        _ => return Err(AppError::BadRequest(format!("list action {:?}", form.actie))),
    }
    // Only a path on this site: never an open redirect to somewhere else.
    let back = crate::page::local_path(&form.terug).map_or_else(|| ctx.locale.href("/mijn-lijst"), str::to_owned);
    let mut response = Redirect::to(&back).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie(&ids));
    Ok(response)
}
