//! The page of one service, at `/diensten/{id}/{slug}`. The id finds the service; the
//! slug is for people and search engines, so a missing or outdated slug redirects. The
//! page says when the service was last checked, warns calmly when that is long ago,
//! and is not found by visitors once it is hidden for staleness (its editors and
//! providers still see it, with a notice).

use crate::page::PageContext;
use crate::slug::slug_of;
use crate::view::service::stale_warning;
use crate::view::{Chrome, ServicePage, service_href};
use crate::{AppError, AppState};
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;
use wegwijs_domain::{Id, Location, Organisation, Service};

/// `GET /diensten/{id}`: to the page with the slug.
pub async fn redirect_to_slug(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    ctx: PageContext,
) -> Result<Response, AppError> {
    let service = find(&state, &raw_id, &ctx.visitor.viewer()).await?;
    Ok(Redirect::permanent(&service_href(ctx.locale, service.id.as_str(), service.name.as_str())).into_response())
}

async fn find(state: &AppState, raw_id: &str, viewer: &wegwijs_domain::Viewer) -> Result<Service, AppError> {
    crate::routes::public_service(state, raw_id, viewer).await
}

/// `GET /diensten/{id}/{slug}`
pub async fn show_service(
    State(state): State<AppState>,
    Path((raw_id, slug)): Path<(String, String)>,
    ctx: PageContext,
) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let visibility = state.config.visibility(chrono::Utc::now());
    let service = crate::routes::public_service_at(&state, &raw_id, &ctx.visitor.viewer(), &visibility).await?;
    if slug != slug_of(service.name.as_str()) {
        return Ok(
            Redirect::permanent(&service_href(locale, service.id.as_str(), service.name.as_str())).into_response()
        );
    }
    let organisation = state.store.organisation(&service.organisation_id).await?;
    let location_ids: Vec<Id> = service.locations.iter().map(|sal| sal.location_id.clone()).collect();
    let locations = state.store.locations_by_ids(&location_ids).await?;
    let terms: Vec<_> = state
        .store
        .taxonomy_terms()
        .await?
        .into_iter()
        .filter(|term| service.terms.contains(&term.id) && term.taxonomy_id.as_str() == wegwijs_domain::taxonomy::THEME)
        .collect();
    let chrome = Chrome::new(&ctx, service.name.as_str(), service.summary.clone(), &[]).json_ld(&json_ld(
        &ctx,
        &service,
        organisation.as_ref(),
        &locations,
    ));
    let hidden = visibility.hides(&service);
    let chrome = if hidden { chrome.noindex() } else { chrome };
    let mut view = ServicePage::new(chrome, &service, organisation.as_ref(), &locations, &terms, visibility.now);
    // A hidden service gets the notice for those who still see it instead of the warning.
    view.hidden_notice = hidden.then(|| locale.t("service.hidden_notice").to_owned());
    view.stale_warning = stale_warning(locale, &visibility.policy, &service.meta, visibility.now).filter(|_| !hidden);
    view.map_svg = map(locale, &ctx.config, &service, &locations);
    view.edit_href = ctx
        .visitor
        .signed_in
        .as_ref()
        .filter(|s| s.may_edit(&service.organisation_id))
        .map(|_| locale.href(&crate::routes::paths::edit(wegwijs_store::EntityKind::Service, &service.id)));
    Ok(Html(askama::Template::render(&view)?).into_response())
}

fn map(locale: crate::Locale, config: &crate::WebConfig, service: &Service, locations: &[Location]) -> Option<String> {
    let pins: Vec<crate::map::Pin> = locations
        .iter()
        .filter_map(|l| l.point.map(|point| (l, point)))
        .enumerate()
        .map(|(i, (location, point))| crate::map::Pin {
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            point,
            label: location.name.to_string(),
        })
        .collect();
    let municipalities: Vec<&str> = service
        .areas
        .iter()
        .filter(|a| a.kind == wegwijs_domain::AreaKind::Gemeente)
        .map(|a| a.code.as_str())
        .take(1)
        .collect();
    if pins.is_empty() {
        return None;
    }
    let title = locale.tf("map.service_title", &[("name", &service.name.as_str())]);
    let request = crate::map::MapRequest {
        title: &title,
        municipalities: &municipalities,
        pins: &pins,
        you: None,
        you_label: locale.t("map.you"),
    };
    crate::map::render(&request, config)
}

/// schema.org data: the service as a `Service` offered by its organisation, at its places.
fn json_ld(
    ctx: &PageContext,
    service: &Service,
    organisation: Option<&Organisation>,
    locations: &[Location],
) -> serde_json::Value {
    let url = format!("{}{}", ctx.origin, service_href(crate::Locale::Nl, service.id.as_str(), service.name.as_str()));
    let places: Vec<serde_json::Value> = locations
        .iter()
        .map(|l| {
            let mut place = json!({ "@type": "Place", "name": l.name.as_str() });
            if let Some(a) = &l.address {
                place["address"] = json!({
                    "@type": "PostalAddress",
                    "streetAddress": a.street,
                    "postalCode": a.postal_code.to_string(),
                    "addressLocality": a.city,
                    "addressCountry": "NL",
                });
            }
            if let Some(p) = l.point {
                place["geo"] = json!({ "@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon });
            }
            place
        })
        .collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name.as_str(),
        "description": service.summary,
        "url": url,
        "areaServed": service.areas.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
        "availableChannel": {
            "@type": "ServiceChannel",
            "servicePhone": service.phones.first().map(|p| json!({ "@type": "ContactPoint", "telephone": p.number.as_str() })),
            "serviceUrl": service.url.as_ref().map(ToString::to_string),
            "serviceLocation": places,
        },
    });
    if let Some(o) = organisation {
        value["provider"] = json!({ "@type": "Organization", "name": o.name.as_str(), "url": o.website.as_ref().map(ToString::to_string) });
    }
    if let Some(v) = &service.meta.verification {
        value["dateModified"] = json!(v.at.to_rfc3339());
    }
    value
}
