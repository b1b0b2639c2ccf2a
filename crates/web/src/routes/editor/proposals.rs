//! The queue of proposals and one proposal: its differences from the published
//! version, field by field and inside texts word by word; approve, reject with a
//! message, or edit and publish.

use crate::auth::SignedIn;
use crate::editorial::{self, Record};
use crate::forms::{self, FormInput};
use crate::page::PageContext;
use crate::view::describe;
use crate::view::editor::{DiffRow, ProposalPage, QueueItem, QueuePage};
use crate::view::portal::{EditForm, EditPage};
use crate::view::{Chrome, Section};
use crate::{AppError, AppState, Locale};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use wegwijs_domain::{Id, Role};
use wegwijs_store::{EntityKind, Page, Proposal, ProposalStatus, ReportStatus};

/// Most proposals on the queue page.
const QUEUE_LIMIT: u32 = 200;
/// Longest rejection message: a few paragraphs.
const MESSAGE_MAX: usize = 2000;

/// `?melding=` codes of the queue.
#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    melding: String,
}

fn kind_name(locale: Locale, kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Organisation => locale.t("portal.kind_organisation"),
        EntityKind::Location => locale.t("portal.kind_location"),
        _ => locale.t("portal.kind_service"),
    }
}

/// `GET /redactie`
pub async fn queue(
    State(state): State<AppState>,
    ctx: PageContext,
    editor: SignedIn,
    Query(query): Query<QueueQuery>,
) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let proposals = state.store.proposals(ProposalStatus::Pending, None, Page::first(QUEUE_LIMIT)).await?;
    let organisation_ids: Vec<Id> = proposals.iter().map(|p| p.organisation_id.clone()).collect();
    let organisations: std::collections::HashMap<Id, String> = state
        .store
        .organisations_by_ids(&organisation_ids)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name.to_string()))
        .collect();
    let authors: std::collections::HashMap<Id, String> =
        state.store.users().await?.into_iter().map(|u| (u.id, u.name)).collect();
    let mut items = Vec::with_capacity(proposals.len());
    for p in &proposals {
        let record = Record::from_json(p.entity, &p.data)?;
        items.push(QueueItem {
            href: locale.href(&format!("/redactie/voorstellen/{}", p.id)),
            name: record.name().to_owned(),
            kind: kind_name(locale, p.entity).to_owned(),
            is_new: p.base_seq == 0,
            organisation: organisations.get(&p.organisation_id).cloned().unwrap_or_default(),
            author: authors.get(&p.author_id).cloned().unwrap_or_default(),
            when: crate::routes::account::moment(locale, p.updated_at),
        });
    }
    let open_reports = state.store.error_report_count(ReportStatus::Open).await?;
    let notice = match query.melding.as_str() {
        "goedgekeurd" => Some(locale.t("editor.notice_approved")),
        "afgewezen" => Some(locale.t("editor.notice_rejected")),
        _ => None,
    }
    .map(str::to_owned);
    let chrome = Chrome::new(&ctx, locale.t("editor.queue_heading"), "", &[]).noindex().section(Section::Editor);
    let page = QueuePage {
        locale,
        chrome,
        notice,
        items,
        reports_link: locale.tf("editor.reports_link", &[("count", &open_reports)]),
        is_admin: editor.user.role == Role::Beheerder,
    };
    Ok(Html(askama::Template::render(&page)?))
}

async fn find(state: &AppState, raw: &str) -> Result<Proposal, AppError> {
    let id = Id::parse(raw).map_err(|_| AppError::NotFound)?;
    state.store.proposal(&id).await?.ok_or(AppError::NotFound)
}

/// The differences between the published record and the proposal, each field in the
/// words of the public page; and whether the published record changed since.
async fn diff_rows(state: &AppState, locale: Locale, p: &Proposal) -> Result<(Vec<DiffRow>, bool), AppError> {
    let published = Record::load(state, p.entity, &p.entity_id).await?;
    let proposed = Record::from_json(p.entity, &p.data)?;
    let before = published.as_ref().map(Record::to_value);
    let order = ["name", "alternate_name", "summary", "description", "status", "url", "email", "website", "phones"];
    let changes = wegwijs_domain::diff::field_changes(before.as_ref(), &proposed.to_value(), &order);
    let names = names_for(state, published.iter().chain([&proposed])).await?;
    let rows = changes
        .iter()
        // A new record "changes" its id from nothing: not something to review.
        .filter(|change| change.path != "id")
        .map(|change| {
            let label = locale.get(&format!("editor.field.{}", change.path)).unwrap_or(&change.path).to_owned();
            let lines = |record: Option<&Record>| {
                record.map(|r| describe::field_lines(locale, r, &change.path, &names).join("\n")).unwrap_or_default()
            };
            DiffRow::texts(label, &lines(published.as_ref()), &lines(Some(&proposed)))
        })
        .collect();
    let current_seq = state.store.record_seq(p.entity, &p.entity_id).await?;
    Ok((rows, current_seq != p.base_seq))
}

/// Names of the terms, locations and organisations the records refer to.
async fn names_for(state: &AppState, records: impl Iterator<Item = &Record>) -> Result<describe::Names, AppError> {
    let mut names: describe::Names =
        state.store.taxonomy_terms().await?.into_iter().map(|t| (t.id, t.name.to_string())).collect();
    let (mut locations, mut organisations) = (Vec::new(), Vec::new());
    for record in records {
        organisations.extend(record.organisation_id().cloned());
        if let Record::Service(s) = record {
            locations.extend(s.locations.iter().map(|at| at.location_id.clone()));
        }
    }
    names.extend(state.store.locations_by_ids(&locations).await?.into_iter().map(|l| (l.id, l.name.to_string())));
    names.extend(
        state.store.organisations_by_ids(&organisations).await?.into_iter().map(|o| (o.id, o.name.to_string())),
    );
    Ok(names)
}

async fn render(
    state: &AppState,
    ctx: &PageContext,
    p: &Proposal,
    reject_problem: Option<String>,
    reject_text: String,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let record = Record::from_json(p.entity, &p.data)?;
    let (rows, base_changed) = diff_rows(state, locale, p).await?;
    let organisation = state.store.organisation(&p.organisation_id).await?.map(|o| o.name.to_string());
    let author = state.store.user(&p.author_id).await?;
    let heading =
        locale.tf("editor.proposal_heading", &[("kind", &kind_name(locale, p.entity)), ("name", &record.name())]);
    let mut facts = vec![
        (locale.t("editor.col_organisation").to_owned(), organisation.unwrap_or_default()),
        (
            locale.t("editor.col_author").to_owned(),
            author.map(|a| format!("{} ({})", a.name, a.email)).unwrap_or_default(),
        ),
        (locale.t("editor.col_when").to_owned(), crate::routes::account::moment(locale, p.updated_at)),
    ];
    if p.base_seq == 0 {
        facts.push((locale.t("editor.col_state").to_owned(), locale.t("editor.new").to_owned()));
    }
    let status = match p.status {
        ProposalStatus::Pending => locale.t("portal.status_pending"),
        ProposalStatus::Approved => locale.t("portal.status_approved"),
        ProposalStatus::Rejected => locale.t("portal.status_rejected"),
        ProposalStatus::Withdrawn => locale.t("portal.status_withdrawn"),
    };
    let chrome = Chrome::new(ctx, heading.clone(), "", &[]).noindex().section(Section::Editor);
    let page = ProposalPage {
        locale,
        chrome,
        heading,
        facts,
        pending: p.status == ProposalStatus::Pending,
        status: status.to_owned(),
        message: p.message.clone(),
        base_changed: base_changed && p.base_seq != 0,
        rows,
        approve_action: format!("/redactie/voorstellen/{}/goedkeuren", p.id),
        reject_action: format!("/redactie/voorstellen/{}/afwijzen", p.id),
        edit_href: locale.href(&format!("/redactie/voorstellen/{}/bewerken", p.id)),
        history_href: (p.base_seq != 0).then(|| locale.href(&crate::routes::paths::history(p.entity, &p.entity_id))),
        reject_problem,
        reject_text,
    };
    Ok(askama::Template::render(&page)?)
}

/// `GET /redactie/voorstellen/{id}`
pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    _editor: SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let p = find(&state, &id).await?;
    Ok(Html(render(&state, &ctx, &p, None, String::new()).await?))
}

/// `POST /redactie/voorstellen/{id}/goedkeuren`
pub async fn approve(
    State(state): State<AppState>,
    ctx: PageContext,
    editor: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let p = find(&state, &id).await?;
    match editorial::approve(&state, &editor, &p, None).await {
        Ok(()) => Ok(Redirect::to(&ctx.locale.href("/redactie?melding=goedgekeurd")).into_response()),
        Err(AppError::Store(wegwijs_store::Error::Stale { .. })) => Ok(already_decided(&ctx)),
        Err(error) => Err(error),
    }
}

/// A proposal another editor (or its author) settled first.
fn already_decided(ctx: &PageContext) -> Response {
    (StatusCode::CONFLICT, Redirect::to(&ctx.locale.href("/redactie"))).into_response()
}

/// The posted rejection.
#[derive(Debug, Default, Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    bericht: String,
}

/// `POST /redactie/voorstellen/{id}/afwijzen`: needs a message; it is mailed to the author.
pub async fn reject(
    State(state): State<AppState>,
    ctx: PageContext,
    editor: SignedIn,
    Path(id): Path<String>,
    Form(form): Form<RejectForm>,
) -> Result<Response, AppError> {
    let p = find(&state, &id).await?;
    let message = form.bericht.trim();
    let problem = if message.is_empty() {
        Some(ctx.locale.t("editor.error_reject_empty").to_owned())
    } else if message.chars().count() > MESSAGE_MAX {
        Some(ctx.locale.tf("editor.error_reject_long", &[("max", &MESSAGE_MAX)]))
    } else {
        None
    };
    if let Some(problem) = problem {
        let body = render(&state, &ctx, &p, Some(problem), form.bericht.clone()).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    }
    match editorial::reject(&state, &editor, &p, message).await {
        Ok(()) => Ok(Redirect::to(&ctx.locale.href("/redactie?melding=afgewezen")).into_response()),
        Err(AppError::Store(wegwijs_store::Error::Stale { .. })) => Ok(already_decided(&ctx)),
        Err(error) => Err(error),
    }
}

fn edit_page(
    ctx: &PageContext,
    p: &Proposal,
    record: &Record,
    form: EditForm,
    problems: Vec<forms::FieldProblem>,
    readability: Option<forms::ReadabilityView>,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let heading = locale.tf("editor.edit_heading", &[("name", &record.name())]);
    let chrome = Chrome::new(ctx, heading.clone(), "", &[]).noindex().section(Section::Editor);
    let page = EditPage {
        locale,
        chrome,
        heading,
        intro: locale.t("editor.edit_intro").to_owned(),
        action: format!("/redactie/voorstellen/{}/bewerken", p.id),
        version: crate::routes::portal::version(p.base_seq, Some(p)),
        new_id: None,
        form,
        problems,
        readability,
        notice: None,
        warning: false,
        submit: locale.t("editor.edit_submit").to_owned(),
        back: locale.href(&format!("/redactie/voorstellen/{}", p.id)),
    };
    Ok(askama::Template::render(&page)?)
}

async fn form_options(state: &AppState, record: &Record) -> Result<forms::FormOptions, AppError> {
    crate::routes::portal::edit::options(state, record).await
}

/// `GET /redactie/voorstellen/{id}/bewerken`: the proposal in the edit form.
pub async fn show_edit(
    State(state): State<AppState>,
    ctx: PageContext,
    _editor: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let p = find(&state, &id).await?;
    if p.status != ProposalStatus::Pending {
        return Ok(Redirect::to(&format!("/redactie/voorstellen/{}", p.id)).into_response());
    }
    let record = Record::from_json(p.entity, &p.data)?;
    let options = form_options(&state, &record).await?;
    let form = crate::routes::portal::edit::fields_of(ctx.locale, &record, &options);
    Ok(Html(edit_page(&ctx, &p, &record, form, Vec::new(), None)?).into_response())
}

/// `POST /redactie/voorstellen/{id}/bewerken`: publishes the editor's version and
/// settles the proposal as approved.
pub async fn save_edit(
    State(state): State<AppState>,
    ctx: PageContext,
    editor: SignedIn,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let p = find(&state, &id).await?;
    let record = Record::from_json(p.entity, &p.data)?;
    let options = form_options(&state, &record).await?;
    let input = FormInput::new(pairs);
    let locale = ctx.locale;
    let checked = if input.get("actie") == "controleer" {
        Err(Vec::new())
    } else {
        crate::routes::portal::edit::read(locale, &record, &input, &options)
    };
    match checked {
        Ok(edited) => match editorial::approve(&state, &editor, &p, Some(edited)).await {
            Ok(()) => Ok(Redirect::to(&locale.href("/redactie?melding=goedgekeurd")).into_response()),
            Err(AppError::Store(wegwijs_store::Error::Stale { .. })) => Ok(already_decided(&ctx)),
            Err(error) => Err(error),
        },
        Err(problems) => {
            let status = if problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            let form = crate::routes::portal::edit::fields_from_input(locale, p.entity, &input, &problems, &options);
            let readability = crate::routes::portal::edit::readability(locale, p.entity, &input);
            Ok((status, Html(edit_page(&ctx, &p, &record, form, problems, readability)?)).into_response())
        }
    }
}
