//! What search engines read: `robots.txt` and the sitemaps. The sitemap is an index of
//! smaller sitemaps so that a national database (hundreds of thousands of services)
//! stays within the 50,000 addresses a sitemap may hold. It lists the services the
//! public sees: not those stopped or hidden for staleness.

use crate::page::PageContext;
use crate::slug::slug_of;
use crate::xml::escaped as escape;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::fmt::Write;
use wegwijs_domain::RecordMeta;
use wegwijs_domain::taxonomy::{POSITIVE_HEALTH, THEME};

/// Addresses per sitemap file.
const PER_SITEMAP: u64 = 20_000;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(index))
        .route("/sitemaps/{name}", get(part))
}

fn xml(body: String) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"));
    response
}

async fn robots(ctx: PageContext) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /zoeken\nDisallow: /mijn-lijst\nDisallow: /vergelijken\nDisallow: /api/\nDisallow: /*/fout-melden\n\nSitemap: {}/sitemap.xml\n",
        ctx.origin
    );
    let mut response = body.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

async fn index(State(state): State<AppState>, ctx: PageContext) -> Result<Response, AppError> {
    let services = state.store.service_count().await?.div_ceil(PER_SITEMAP).max(1);
    let organisations = state.store.organisation_count().await?.div_ceil(PER_SITEMAP).max(1);
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut add = |name: String| {
        let _ = writeln!(body, "<sitemap><loc>{}/sitemaps/{name}</loc></sitemap>", escape(&ctx.origin));
    };
    add("pages.xml".to_owned());
    (1..=services).for_each(|n| add(format!("services-{n}.xml")));
    (1..=organisations).for_each(|n| add(format!("organisations-{n}.xml")));
    body.push_str("</sitemapindex>\n");
    Ok(xml(body))
}

/// One address with its English alternate.
fn url_entry(body: &mut String, origin: &str, path: &str, lastmod: Option<&RecordMeta>) {
    let en = crate::Locale::En.href(path);
    let _ = write!(
        body,
        "<url><loc>{nl}</loc><xhtml:link rel=\"alternate\" hreflang=\"nl\" href=\"{nl}\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{}\"/>",
        escape(&format!("{origin}{en}")),
        nl = escape(&format!("{origin}{path}"))
    );
    if let Some(meta) = lastmod {
        let at = meta.verification.as_ref().map_or(meta.updated, |v| v.at.max(meta.updated));
        let _ = write!(body, "<lastmod>{}</lastmod>", at.format("%Y-%m-%d"));
    }
    body.push_str("</url>\n");
}

async fn part(State(state): State<AppState>, Path(name): Path<String>, ctx: PageContext) -> Result<Response, AppError> {
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let origin = ctx.origin.as_str();
    let numbered = |prefix: &str| {
        name.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".xml"))
            .and_then(|n| n.parse::<u64>().ok())
            .filter(|n| *n >= 1)
    };
    if name == "pages.xml" {
        url_entry(&mut body, origin, "/", None);
        url_entry(&mut body, origin, "/themas", None);
        for term in state.store.taxonomy_terms().await? {
            if [THEME, POSITIVE_HEALTH].contains(&term.taxonomy_id.as_str()) && term.parent_id.is_none() {
                url_entry(&mut body, origin, &format!("/themas/{}", term.code), None);
            }
        }
    } else if let Some(n) = numbered("services-") {
        let services = services_page(&state, n).await?;
        if services.is_empty() && n > 1 {
            return Err(AppError::NotFound);
        }
        let visibility = state.config.visibility(chrono::Utc::now());
        for service in services.iter().filter(|s| wegwijs_store::is_public_service(s, &visibility)) {
            let path = format!("/diensten/{}/{}", service.id.as_str(), slug_of(service.name.as_str()));
            url_entry(&mut body, origin, &path, Some(&service.meta));
        }
    } else if let Some(n) = numbered("organisations-") {
        let offset = (n - 1).checked_mul(PER_SITEMAP).ok_or(AppError::NotFound)?;
        let page = wegwijs_store::Page { offset, limit: PER_SITEMAP as u32 };
        let organisations = state.store.organisations(page).await?;
        if organisations.is_empty() && n > 1 {
            return Err(AppError::NotFound);
        }
        for organisation in &organisations {
            let path = format!("/organisaties/{}/{}", organisation.id.as_str(), slug_of(organisation.name.as_str()));
            url_entry(&mut body, origin, &path, Some(&organisation.meta));
        }
    } else {
        return Err(AppError::NotFound);
    }
    body.push_str("</urlset>\n");
    Ok(xml(body))
}

/// The `n`th block of services in the store's list order.
async fn services_page(state: &AppState, n: u64) -> Result<Vec<wegwijs_domain::Service>, AppError> {
    let offset = (n - 1).checked_mul(PER_SITEMAP).ok_or(AppError::NotFound)?;
    let page = wegwijs_store::Page { offset, limit: PER_SITEMAP as u32 };
    Ok(state.store.services(page).await?)
}
