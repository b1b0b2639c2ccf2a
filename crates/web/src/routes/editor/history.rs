//! `/redactie/geschiedenis/{kind}/{id}`: every version of a record from the change log,
//! who made it and which fields it changed, and putting an older version back. A
//! restore is a new version on top (by the editor), never a rewrite of the log, so the
//! history itself cannot be lost.

use crate::auth::SignedIn;
use crate::editorial::{self, Record};
use crate::page::PageContext;
use crate::routes::paths;
use crate::view::backoffice::{HistoryPage, VersionItem};
use crate::view::{Chrome, Section, service_href};
use crate::{AppError, AppState, Locale};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use wegwijs_domain::Id;
use wegwijs_store::{ChangeOp, EntityKind, Version};

/// The record a history path names; 404 for another kind or a malformed id.
fn parse_path(kind: &str, id: &str) -> Result<(EntityKind, Id), AppError> {
    let kind = crate::routes::paths::history_kind(kind).ok_or(AppError::NotFound)?;
    Ok((kind, Id::parse(id).map_err(|_| AppError::NotFound)?))
}

/// `?melding=` codes of the page.
#[derive(Debug, Default, Deserialize)]
pub struct HistoryQuery {
    #[serde(default)]
    melding: String,
}

/// `GET /redactie/geschiedenis/{kind}/{id}`
pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    _editor: SignedIn,
    Path((kind_segment, raw_id)): Path<(String, String)>,
    Query(query): Query<HistoryQuery>,
) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let (kind, id) = parse_path(&kind_segment, &raw_id)?;
    let versions = state.store.history(kind, &id).await?;
    let current = Record::load(&state, kind, &id).await?;
    // A deleted record has no current version; its name is in its last version.
    let name = match &current {
        Some(record) => record.name().to_owned(),
        None => match versions.iter().find_map(|v| v.data.as_deref()) {
            Some(data) => Record::from_json(kind, data)?.name().to_owned(),
            None => return Err(AppError::NotFound),
        },
    };
    let names = actor_names(&state, &versions).await?;
    let items = versions
        .iter()
        .enumerate()
        .map(|(i, version)| VersionItem {
            seq: version.seq,
            when: super::super::account::moment(locale, version.at),
            who: who(locale, version.actor.as_deref(), &names),
            what: locale.t(what_key(version)).to_owned(),
            changes: changes(locale, version, versions.get(i + 1)),
            is_current: i == 0 && current.is_some(),
            restorable: i > 0 && version.op != ChangeOp::Delete && version.data.is_some(),
        })
        .collect();
    let kind_key = match kind {
        EntityKind::Service => "history.kind_service",
        EntityKind::Organisation => "history.kind_organisation",
        _ => "history.kind_location",
    };
    let public_href = match &current {
        Some(Record::Service(s)) if wegwijs_store::is_running_service(s) => {
            Some(service_href(locale, s.id.as_str(), s.name.as_str()))
        }
        Some(Record::Organisation(o)) => Some(crate::view::organisation_href(locale, o.id.as_str(), o.name.as_str())),
        _ => None,
    };
    let heading = locale.tf("history.heading", &[("name", &name)]);
    let chrome = Chrome::new(&ctx, heading.clone(), "", &[]).noindex().section(Section::Editor);
    let page = HistoryPage {
        locale,
        chrome,
        heading,
        kind: locale.t(kind_key).to_owned(),
        notice: (query.melding == "teruggezet").then(|| locale.t("history.notice_restored").to_owned()),
        public_href,
        edit_href: current.is_some().then(|| locale.href(&paths::edit(kind, &id))),
        action: locale.href(&paths::history(kind, &id)),
        versions: items,
    };
    Ok(Html(askama::Template::render(&page)?))
}

/// The names of the accounts that made the versions, by their actor (`user:<id>`).
async fn actor_names(state: &AppState, versions: &[Version]) -> Result<HashMap<String, String>, AppError> {
    let mut names = HashMap::new();
    for actor in versions.iter().filter_map(|v| v.actor.as_deref()) {
        if names.contains_key(actor) {
            continue;
        }
        let Some(user_id) = actor.strip_prefix("user:").and_then(|raw| Id::parse(raw).ok()) else { continue };
        if let Some(user) = state.store.user(&user_id).await? {
            names.insert(actor.to_owned(), user.name);
        }
    }
    Ok(names)
}

/// Who made a version, in words.
fn who(locale: Locale, actor: Option<&str>, names: &HashMap<String, String>) -> String {
    let Some(actor) = actor else { return locale.t("history.actor_unknown").to_owned() };
    if let Some(name) = names.get(actor) {
        return name.clone();
    }
    if actor.starts_with("user:") {
        return locale.t("history.actor_removed_user").to_owned();
    }
    if let Some(source) = actor.strip_prefix("import:") {
        return locale.tf("history.actor_import", &[("source", &source)]);
    }
    match actor {
        "demo" => locale.t("history.actor_demo").to_owned(),
        other => other.to_owned(),
    }
}

/// The key of what happened in a version.
fn what_key(version: &Version) -> &'static str {
    match version.op {
        ChangeOp::Insert => "history.op_insert",
        ChangeOp::Update if version.data.is_none() => "history.op_update_unknown",
        ChangeOp::Update => "history.op_update",
        ChangeOp::Delete => "history.op_delete",
    }
}

/// The fields a version changed compared with the one before it, for people. A new
/// record lists nothing (everything is new); a version without stored data (older than
/// the history) cannot be compared.
fn changes(locale: Locale, version: &Version, before: Option<&Version>) -> Vec<String> {
    if version.op != ChangeOp::Update {
        return Vec::new();
    }
    let parse = |v: &Version| v.data.as_deref().and_then(|d| serde_json::from_str::<Value>(d).ok());
    let (Some(after), Some(before)) = (parse(version), before.and_then(parse)) else { return Vec::new() };
    let fields: Vec<String> = wegwijs_domain::diff::field_changes(Some(&before), &after, &[])
        .into_iter()
        .map(|change| field_label(locale, &change.path))
        .collect();
    if fields.is_empty() { vec![locale.t("history.only_confirmed").to_owned()] } else { fields }
}

/// A field of the stored JSON in words; an unknown field keeps its own name.
fn field_label(locale: Locale, field: &str) -> String {
    locale.get(&format!("history.field.{field}")).map_or_else(|| field.to_owned(), str::to_owned)
}

/// The posted restore form.
#[derive(Debug, Default, Deserialize)]
pub struct RestoreForm {
    /// The seq of the version to put back.
    #[serde(default)]
    versie: String,
}

/// `POST /redactie/geschiedenis/{kind}/{id}`: publishes the chosen older version again.
pub async fn restore(
    State(state): State<AppState>,
    ctx: PageContext,
    editor: SignedIn,
    Path((kind_segment, raw_id)): Path<(String, String)>,
    Form(form): Form<RestoreForm>,
) -> Result<Response, AppError> {
    let (kind, id) = parse_path(&kind_segment, &raw_id)?;
    let seq: i64 = form.versie.trim().parse().map_err(|_| AppError::BadRequest("versie".into()))?;
    // The version must be of this very record: a seq of another record posted to this
    // address would otherwise overwrite that other record from here.
    let Some((version_kind, version_id, version)) = state.store.version(seq).await? else {
        return Err(AppError::NotFound);
    };
    if version_kind != kind || version_id != id {
        return Err(AppError::NotFound);
    }
    let data = version
        .data
        .filter(|_| version.op != ChangeOp::Delete)
        .ok_or_else(|| AppError::BadRequest("this version has no content to restore".into()))?;
    editorial::restore(&state, &editor, kind, &data).await?;
    let back = format!("{}?melding=teruggezet", paths::history(kind, &id));
    Ok(Redirect::to(&ctx.locale.href(&back)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_three_record_kinds_have_a_history_page() {
        let id = Id::random();
        assert_eq!(parse_path("dienst", id.as_str()).unwrap().0, EntityKind::Service);
        assert_eq!(parse_path("organisatie", id.as_str()).unwrap().0, EntityKind::Organisation);
        assert_eq!(parse_path("locatie", id.as_str()).unwrap().0, EntityKind::Location);
        assert!(parse_path("gebruiker", id.as_str()).is_err());
        assert!(parse_path("dienst", "not an id").is_err());
    }

    #[test]
    fn actors_are_named_in_words() {
        let names = HashMap::from([("user:1".to_owned(), "Anne".to_owned())]);
        assert_eq!(who(Locale::Nl, Some("user:1"), &names), "Anne");
        assert_eq!(who(Locale::Nl, Some("demo"), &names), Locale::Nl.t("history.actor_demo"));
        assert!(who(Locale::Nl, Some("import:sociale-kaart"), &names).contains("sociale-kaart"));
        assert_eq!(who(Locale::Nl, None, &names), Locale::Nl.t("history.actor_unknown"));
    }

    #[test]
    fn every_field_of_the_records_has_a_label_in_both_languages() {
        for field in FIELDS {
            for locale in [Locale::Nl, Locale::En] {
                assert!(locale.has(&format!("history.field.{field}")), "history.field.{field} in {locale:?}");
            }
        }
    }

    /// The top-level fields of services, organisations and locations as stored.
    const FIELDS: [&str; 30] = [
        "id",
        "organisation_id",
        "name",
        "alternate_name",
        "summary",
        "description",
        "status",
        "url",
        "email",
        "phones",
        "contacts",
        "opening_hours",
        "areas",
        "languages",
        "costs",
        "fees_description",
        "funding",
        "referral",
        "eligibility",
        "application_process",
        "wait_time",
        "terms",
        "locations",
        "professional_notes",
        "kind",
        "website",
        "address",
        "point",
        "transportation",
        "accessibility",
    ];
}
