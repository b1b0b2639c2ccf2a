//! `/portaal`: the account's organisations, their services and locations with what
//! waits for review, the residents' error reports about them, and the account's own
//! recent proposals.

use crate::auth::SignedIn;
use crate::editorial::Record;
use crate::page::PageContext;
use crate::routes::paths;
use crate::view::portal::{PortalOrganisation, PortalPage, PortalProposal, PortalRecord, PortalReport};
use crate::view::{Chrome, Section, service_href};
use crate::{AppError, AppState, Locale};
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::HashMap;
use wegwijs_domain::Id;
use wegwijs_store::{EntityKind, Page, Proposal, ProposalStatus, ReportStatus};

/// Most proposals and reports listed on the overview.
const LIST_LIMIT: u32 = 50;

/// `?melding=` codes of the overview.
#[derive(Debug, Default, Deserialize)]
pub struct OverviewQuery {
    #[serde(default)]
    melding: String,
}

/// `GET /portaal`
pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    by: SignedIn,
    Query(query): Query<OverviewQuery>,
) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let notice = match query.melding.as_str() {
        "welkom" => Some(locale.t("portal.notice_welcome")),
        "gepubliceerd" => Some(locale.t("portal.notice_published")),
        "voorgesteld" => Some(locale.t("portal.notice_proposed")),
        "bevestigd" => Some(locale.t("portal.notice_confirmed")),
        "ingetrokken" => Some(locale.t("portal.notice_withdrawn")),
        _ => None,
    }
    .map(str::to_owned);

    let mut pending: HashMap<(EntityKind, Id), Proposal> = HashMap::new();
    let mut organisations = Vec::new();
    for organisation in state.store.organisations_by_ids(&by.user.organisations).await? {
        for p in state.store.proposals(ProposalStatus::Pending, Some(&organisation.id), Page::first(LIST_LIMIT)).await?
        {
            pending.insert((p.entity, p.entity_id.clone()), p);
        }
        let waiting = |kind: EntityKind, id: &Id| {
            pending.contains_key(&(kind, id.clone())).then(|| locale.t("portal.status_pending").to_owned())
        };
        let services = state.store.services_of_organisation(&organisation.id).await?;
        let mut location_ids: Vec<Id> =
            services.iter().flat_map(|s| s.locations.iter().map(|l| l.location_id.clone())).collect();
        location_ids.sort();
        location_ids.dedup();
        let locations = state.store.locations_by_ids(&location_ids).await?;
        let names: HashMap<Id, String> = services.iter().map(|s| (s.id.clone(), s.name.to_string())).collect();
        let reports = state
            .store
            .error_reports_of_organisations(
                std::slice::from_ref(&organisation.id),
                ReportStatus::Open,
                Page::first(LIST_LIMIT),
            )
            .await?
            .into_iter()
            .map(|r| PortalReport {
                service: names.get(&r.service_id).cloned().unwrap_or_default(),
                message: r.message,
                when: locale.date(r.created_at.date_naive()),
            })
            .collect();
        organisations.push(PortalOrganisation {
            name: organisation.name.to_string(),
            edit_href: locale.href(&paths::edit(EntityKind::Organisation, &organisation.id)),
            new_service_href: locale.href(&format!("/portaal/organisaties/{}/diensten/nieuw", organisation.id)),
            status: waiting(EntityKind::Organisation, &organisation.id),
            services: services
                .iter()
                .map(|s| PortalRecord {
                    name: s.name.to_string(),
                    edit_href: locale.href(&paths::edit(EntityKind::Service, &s.id)),
                    public_href: wegwijs_store::is_running_service(s)
                        .then(|| service_href(locale, s.id.as_str(), s.name.as_str())),
                    status: waiting(EntityKind::Service, &s.id),
                })
                .collect(),
            locations: locations
                .iter()
                .map(|l| PortalRecord {
                    name: l.name.to_string(),
                    edit_href: locale.href(&paths::edit(EntityKind::Location, &l.id)),
                    public_href: None,
                    status: waiting(EntityKind::Location, &l.id),
                })
                .collect(),
            reports,
        });
    }

    let mut proposals = Vec::new();
    for status in [ProposalStatus::Pending, ProposalStatus::Rejected, ProposalStatus::Approved] {
        for organisation in &by.user.organisations {
            for p in state.store.proposals(status, Some(organisation), Page::first(LIST_LIMIT)).await? {
                if p.author_id == by.user.id {
                    proposals.push(proposal_view(locale, &p)?);
                }
            }
        }
    }

    let chrome = Chrome::new(&ctx, locale.t("portal.heading"), "", &[]).noindex().section(Section::Portal);
    let page = PortalPage {
        locale,
        chrome,
        welcome: locale.tf("portal.welcome", &[("name", &by.user.name)]),
        notice,
        organisations,
        proposals,
        is_editor: by.is_editor(),
        is_professional: by.user.role == wegwijs_domain::Role::Professional,
    };
    Ok(Html(askama::Template::render(&page)?))
}

fn proposal_view(locale: Locale, p: &Proposal) -> Result<PortalProposal, AppError> {
    let record = Record::from_json(p.entity, &p.data)?;
    let (status, when) = match p.status {
        ProposalStatus::Pending => ("portal.status_pending", p.updated_at),
        ProposalStatus::Approved => ("portal.status_approved", p.decided_at.unwrap_or(p.updated_at)),
        ProposalStatus::Rejected => ("portal.status_rejected", p.decided_at.unwrap_or(p.updated_at)),
        ProposalStatus::Withdrawn => ("portal.status_withdrawn", p.updated_at),
    };
    Ok(PortalProposal {
        name: record.name().to_owned(),
        status: locale.t(status).to_owned(),
        message: p.message.clone(),
        when: locale.date(when.date_naive()),
        withdraw_href: (p.status == ProposalStatus::Pending)
            .then(|| locale.href(&format!("/portaal/voorstellen/{}/intrekken", p.id))),
    })
}

/// `POST /portaal/voorstellen/{id}/intrekken`: the provider takes a pending proposal back.
pub async fn withdraw(
    State(state): State<AppState>,
    ctx: PageContext,
    by: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = Id::parse(&id).map_err(|_| AppError::NotFound)?;
    match state.store.withdraw_proposal(&id, &by.user.id).await {
        Ok(()) | Err(wegwijs_store::Error::Stale { .. }) => {}
        Err(error) => return Err(error.into()),
    }
    Ok(Redirect::to(&ctx.locale.href("/portaal?melding=ingetrokken")).into_response())
}
