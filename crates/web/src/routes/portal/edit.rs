//! The edit pages of the portal, one flow for organisations, services and locations:
//! show the form on the newest version (the open proposal if there is one), then on
//! save check every field, and hand a valid record to `editorial::submit`.

use super::{expected, version};
use crate::auth::SignedIn;
use crate::editorial::{self, Outcome, Record};
use crate::forms::{self, FieldProblem, FormInput, FormOptions, ReadabilityView};
use crate::page::PageContext;
use crate::view::portal::{EditForm, EditPage};
use crate::view::{Chrome, Section};
use crate::{AppError, AppState, Locale};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use std::sync::OnceLock;
use wegwijs_domain::readability::JargonList;
use wegwijs_domain::{Id, Service, ServiceStatus};
use wegwijs_store::{EntityKind, Page, Proposal, ProposalStatus};

/// The form's fields as posted, in order.
type Posted = Form<Vec<(String, String)>>;

/// The jargon the plain-language check points out.
pub fn jargon() -> &'static JargonList {
    static LIST: OnceLock<JargonList> = OnceLock::new();
    LIST.get_or_init(|| JargonList::new(wegwijs_search::vocabulary::jargon()))
}

/// What an edit page works on.
struct Target {
    /// The version the form starts from: the open proposal, else the published record.
    record: Record,
    /// The published record's last change (0: not published yet).
    record_seq: i64,
    /// The open proposal, if any.
    pending: Option<Proposal>,
    /// Where the form posts.
    action: String,
    /// Whether the record is new (then its id travels in the form).
    is_new: bool,
}

impl Target {
    /// A published record of `kind` with the id in `raw`; 404 if there is none.
    async fn existing(state: &AppState, kind: EntityKind, raw: &str) -> Result<Self, AppError> {
        let id = &parse_id(raw)?;
        let action = crate::routes::paths::edit(kind, id);
        let published = Record::load(state, kind, id).await?.ok_or(AppError::NotFound)?;
        let pending = state.store.pending_proposal_for(kind, id).await?;
        let record = match &pending {
            Some(p) => Record::from_json(kind, &p.data)?,
            None => published,
        };
        let record_seq = state.store.record_seq(kind, id).await?;
        Ok(Self { record, record_seq, pending, action, is_new: false })
    }
}

/// The choices a service form offers: theme terms and the organisation's locations.
pub(crate) async fn options(state: &AppState, record: &Record) -> Result<FormOptions, AppError> {
    let Record::Service(service) = record else { return Ok(FormOptions::default()) };
    let terms = state.store.taxonomy_terms().await?;
    let builtin = wegwijs_domain::taxonomy::builtin();
    let order = |code: &str| builtin.terms_of(wegwijs_domain::taxonomy::THEME).position(|t| t.code == code);
    let mut themes: Vec<_> =
        terms.into_iter().filter(|t| t.taxonomy_id.as_str() == wegwijs_domain::taxonomy::THEME).collect();
    themes.sort_by_key(|t| (order(&t.code).unwrap_or(usize::MAX), t.name.to_string()));
    let mut location_ids: Vec<Id> = service.locations.iter().map(|l| l.location_id.clone()).collect();
    for sibling in state.store.services_of_organisation(&service.organisation_id).await? {
        location_ids.extend(sibling.locations.into_iter().map(|l| l.location_id));
    }
    location_ids.sort();
    location_ids.dedup();
    let mut locations: Vec<(Id, String)> =
        state.store.locations_by_ids(&location_ids).await?.into_iter().map(|l| (l.id, l.name.to_string())).collect();
    locations.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(FormOptions { terms: themes.into_iter().map(|t| (t.id, t.name.to_string())).collect(), locations })
}

pub(crate) fn fields_of(locale: Locale, record: &Record, options: &FormOptions) -> EditForm {
    match record {
        Record::Service(s) => EditForm::Service(Box::new(forms::ServiceFields::from_record(locale, s, options))),
        Record::Organisation(o) => {
            EditForm::Organisation(Box::new(forms::OrganisationFields::from_record(locale, o, options)))
        }
        Record::Location(l) => EditForm::Location(Box::new(forms::LocationFields::from_record(locale, l, options))),
    }
}

pub(crate) fn fields_from_input(
    locale: Locale,
    kind: EntityKind,
    input: &FormInput,
    problems: &[FieldProblem],
    options: &FormOptions,
) -> EditForm {
    match kind {
        EntityKind::Organisation => {
            EditForm::Organisation(Box::new(forms::OrganisationFields::from_input(locale, input, problems, options)))
        }
        EntityKind::Location => {
            EditForm::Location(Box::new(forms::LocationFields::from_input(locale, input, problems, options)))
        }
        _ => EditForm::Service(Box::new(forms::ServiceFields::from_input(locale, input, problems, options))),
    }
}

pub(crate) fn read(
    locale: Locale,
    base: &Record,
    input: &FormInput,
    options: &FormOptions,
) -> Result<Record, Vec<FieldProblem>> {
    Ok(match base {
        Record::Service(s) => Record::Service(forms::read_service(locale, s, input, options)?),
        Record::Organisation(o) => Record::Organisation(forms::read_organisation(locale, o, input, options)?),
        Record::Location(l) => Record::Location(forms::read_location(locale, l, input, options)?),
    })
}

pub(crate) fn readability(locale: Locale, kind: EntityKind, input: &FormInput) -> Option<ReadabilityView> {
    match kind {
        EntityKind::Service => Some(ReadabilityView::for_service(locale, input, jargon())),
        EntityKind::Organisation => Some(ReadabilityView::for_organisation(locale, input, jargon())),
        _ => None,
    }
}

/// Everything an edit page shows besides its fields.
struct PageParts {
    version: String,
    problems: Vec<FieldProblem>,
    readability: Option<ReadabilityView>,
    notice: Option<String>,
    warning: bool,
}

fn render(
    ctx: &PageContext,
    by: &SignedIn,
    target: &Target,
    form: EditForm,
    parts: PageParts,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let heading_key = match target.record.kind() {
        EntityKind::Organisation => "portal.edit_heading_organisation",
        EntityKind::Location => "portal.edit_heading_location",
        _ => "portal.edit_heading_service",
    };
    let heading = if target.is_new {
        locale.t("portal.new_service").to_owned()
    } else {
        locale.tf(heading_key, &[("name", &target.record.name())])
    };
    let mut title = heading.clone();
    if !parts.problems.is_empty() {
        title = locale.tf("account.title_with_errors", &[("title", &title)]);
    }
    let intro = match (target.is_new, by.is_editor()) {
        (_, true) => locale.t("portal.intro_editor"),
        (true, false) => locale.t("portal.intro_new"),
        (false, false) => locale.t("portal.intro_provider"),
    };
    let chrome = Chrome::new(ctx, title, intro, &[]).noindex().section(Section::Portal);
    let page = EditPage {
        locale,
        chrome,
        heading,
        intro: intro.to_owned(),
        action: locale.href(&target.action),
        version: parts.version,
        new_id: target.is_new.then(|| target.record.id().to_string()),
        form,
        problems: parts.problems,
        readability: parts.readability,
        notice: parts.notice,
        warning: parts.warning,
        submit: if by.is_editor() { locale.t("portal.save_publish") } else { locale.t("portal.save_propose") }
            .to_owned(),
        back: locale.href("/portaal"),
    };
    Ok(askama::Template::render(&page)?)
}

async fn show(state: &AppState, ctx: &PageContext, by: &SignedIn, target: Target) -> Result<Html<String>, AppError> {
    let options = options(state, &target.record).await?;
    let mut notice = target.pending.as_ref().map(|_| {
        if by.is_editor() { ctx.locale.t("portal.pending_editor") } else { ctx.locale.t("portal.pending_provider") }
            .to_owned()
    });
    // After a rejection the provider goes on from their own proposal, not from the
    // published version: the editor's message says what to change, and nothing that
    // was typed has to be typed again.
    let mut start = &target.record;
    let rejected = match (&target.pending, by.is_editor(), target.is_new) {
        (None, false, false) => last_rejection(state, &target).await?,
        _ => None,
    };
    if let Some((record, message)) = &rejected {
        start = record;
        notice = Some(ctx.locale.tf("portal.after_rejection", &[("message", message)]));
    }
    let mut form = fields_of(ctx.locale, start, &options);
    if let (true, EditForm::Service(fields)) = (target.is_new, &mut form) {
        // The blank record needs a name to exist; the person must choose the real one.
        fields.name.value.clear();
    }
    let parts = PageParts {
        version: version(target.record_seq, target.pending.as_ref()),
        problems: Vec::new(),
        readability: None,
        notice,
        warning: false,
    };
    Ok(Html(render(ctx, by, &target, form, parts)?))
}

/// The provider's rejected proposal for this record and the editor's message, if it
/// was the last word on it: rejected after the published version it started from, with
/// nothing published since.
async fn last_rejection(state: &AppState, target: &Target) -> Result<Option<(Record, String)>, AppError> {
    let Some(organisation) = target.record.organisation_id() else { return Ok(None) };
    let rejected =
        state.store.proposals(ProposalStatus::Rejected, Some(organisation), Page::first(REJECTIONS_LOOKED_AT)).await?;
    let Some(last) = rejected
        .into_iter()
        .filter(|p| p.entity == target.record.kind() && &p.entity_id == target.record.id())
        .max_by_key(|p| p.decided_at)
    else {
        return Ok(None);
    };
    if last.base_seq != target.record_seq {
        return Ok(None);
    }
    let record = Record::from_json(last.entity, &last.data)?;
    Ok(Some((record, last.message.unwrap_or_default())))
}

/// Rejected proposals of an organisation looked through for the last one of a record.
const REJECTIONS_LOOKED_AT: u32 = 200;

async fn save(
    state: &AppState,
    ctx: &mut PageContext,
    by: &SignedIn,
    target: Target,
    pairs: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let input = FormInput::new(pairs);
    if input.get("lang") == "en" {
        ctx.locale = Locale::En;
    }
    let locale = ctx.locale;
    let kind = target.record.kind();
    let options = options(state, &target.record).await?;
    let posted_version = input.get("versie").to_owned();
    let again =
        |target: &Target, problems: Vec<FieldProblem>, notice: Option<String>, warning: bool, version: String| {
            let form = fields_from_input(locale, kind, &input, &problems, &options);
            let parts =
                PageParts { version, problems, readability: readability(locale, kind, &input), notice, warning };
            render(ctx, by, target, form, parts)
        };
    if input.get("actie") == "controleer" {
        return Ok(Html(again(&target, Vec::new(), None, false, posted_version)?).into_response());
    }
    let Some(expected) = expected(&posted_version) else {
        return Err(AppError::BadRequest("the form's version is missing".into()));
    };
    let checked = read(locale, &target.record, &input, &options).and_then(|record| match &record {
        // A new service without a summary would be a name alone on the map.
        Record::Service(s) if target.is_new && s.summary.trim().is_empty() => {
            Err(vec![FieldProblem::new("samenvatting", locale.t("portal.error_summary_new"))])
        }
        _ => Ok(record),
    });
    let record = match checked {
        Ok(record) => record,
        Err(problems) => {
            let body = again(&target, problems, None, false, posted_version)?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
        }
    };
    match editorial::submit(state, by, record, expected).await {
        Ok(Outcome::Published) => Ok(Redirect::to(&locale.href("/portaal?melding=gepubliceerd")).into_response()),
        Ok(Outcome::Confirmed) => Ok(Redirect::to(&locale.href("/portaal?melding=bevestigd")).into_response()),
        Ok(Outcome::Proposed) => Ok(Redirect::to(&locale.href("/portaal?melding=voorgesteld")).into_response()),
        Err(AppError::Store(wegwijs_store::Error::Stale { .. })) => {
            // Someone else saved in the meantime: nothing is written; the visitor keeps
            // what they typed and is told. Saving again is then a deliberate choice.
            let pending = state.store.pending_proposal_for(kind, target.record.id()).await?;
            let seq = state.store.record_seq(kind, target.record.id()).await?;
            let notice = Some(locale.t("portal.stale").to_owned());
            let body = again(&target, Vec::new(), notice, true, version(seq, pending.as_ref()))?;
            Ok((StatusCode::CONFLICT, Html(body)).into_response())
        }
        Err(error) => Err(error),
    }
}

fn parse_id(raw: &str) -> Result<Id, AppError> {
    Id::parse(raw).map_err(|_| AppError::NotFound)
}

/// A kind of record with a portal edit page; its handlers are [`show_existing`] and
/// [`save_existing`], routed once per kind.
pub trait Editable {
    /// The kind.
    const KIND: EntityKind;
}

/// Services: `/portaal/diensten/{id}/bewerken`.
pub struct Services;
/// Organisations: `/portaal/organisaties/{org}/bewerken`.
pub struct Organisations;
/// Locations: `/portaal/locaties/{id}/bewerken`.
pub struct Locations;

impl Editable for Services {
    const KIND: EntityKind = EntityKind::Service;
}
impl Editable for Organisations {
    const KIND: EntityKind = EntityKind::Organisation;
}
impl Editable for Locations {
    const KIND: EntityKind = EntityKind::Location;
}

/// `GET /portaal/{kind}/{id}/bewerken`
pub async fn show_existing<K: Editable>(
    State(state): State<AppState>,
    ctx: PageContext,
    by: SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let target = Target::existing(&state, K::KIND, &id).await?;
    show(&state, &ctx, &by, target).await
}

/// `POST /portaal/{kind}/{id}/bewerken`
pub async fn save_existing<K: Editable>(
    State(state): State<AppState>,
    mut ctx: PageContext,
    by: SignedIn,
    Path(id): Path<String>,
    Form(pairs): Posted,
) -> Result<Response, AppError> {
    let target = Target::existing(&state, K::KIND, &id).await?;
    save(&state, &mut ctx, &by, target, pairs).await
}

/// A new, empty service of `organisation` with id `id`.
fn blank_service(organisation: Id, id: Id) -> Service {
    let now = Utc::now();
    Service {
        id,
        organisation_id: organisation,
        name: wegwijs_domain::Name::parse("Nieuwe dienst").unwrap_or_else(|_| unreachable!("a valid name")),
        alternate_name: None,
        summary: String::new(),
        description: String::new(),
        status: ServiceStatus::Active,
        url: None,
        email: None,
        phones: Vec::new(),
        contacts: Vec::new(),
        opening_hours: Default::default(),
        areas: Vec::new(),
        languages: Vec::new(),
        costs: Vec::new(),
        fees_description: None,
        funding: Vec::new(),
        referral: wegwijs_domain::Referral::none(),
        eligibility: Default::default(),
        application_process: None,
        wait_time: None,
        terms: Vec::new(),
        locations: Vec::new(),
        professional_notes: None,
        meta: wegwijs_domain::RecordMeta::new(now, wegwijs_domain::Source::named("portaal")),
        hsds_extra: Default::default(),
    }
}

fn new_target(organisation: Id, id: Id) -> Target {
    let action = format!("/portaal/organisaties/{organisation}/diensten/nieuw");
    Target {
        record: Record::Service(blank_service(organisation, id)),
        record_seq: 0,
        pending: None,
        action,
        is_new: true,
    }
}

/// `GET /portaal/organisaties/{org}/diensten/nieuw`
pub async fn show_new_service(
    State(state): State<AppState>,
    ctx: PageContext,
    by: SignedIn,
    Path(org): Path<String>,
) -> Result<Html<String>, AppError> {
    let org = parse_id(&org)?;
    state.store.organisation(&org).await?.ok_or(AppError::NotFound)?;
    show(&state, &ctx, &by, new_target(org, Id::random())).await
}

/// `POST /portaal/organisaties/{org}/diensten/nieuw`: the id chosen when the form was
/// first shown comes back with it, so a second attempt after an error is the same
/// new service, not another one.
pub async fn save_new_service(
    State(state): State<AppState>,
    mut ctx: PageContext,
    by: SignedIn,
    Path(org): Path<String>,
    Form(pairs): Posted,
) -> Result<Response, AppError> {
    let org = parse_id(&org)?;
    state.store.organisation(&org).await?.ok_or(AppError::NotFound)?;
    let raw_id = pairs.iter().find(|(k, _)| k == "nieuw_id").map(|(_, v)| v.as_str()).unwrap_or_default();
    let id = Id::parse(raw_id).map_err(|_| AppError::BadRequest("the new service's id is missing".into()))?;
    if state.store.service(&id).await?.is_some() {
        // The id belongs to a published service (of any organisation): not a new one.
        return Err(AppError::Forbidden);
    }
    let mut target = new_target(org, id.clone());
    if let Some(pending) = state.store.pending_proposal_for(EntityKind::Service, &id).await? {
        if pending.organisation_id != target.record.organisation_id().cloned().unwrap_or_else(Id::random) {
            return Err(AppError::Forbidden);
        }
        target.pending = Some(pending);
    }
    save(&state, &mut ctx, &by, target, pairs).await
}
