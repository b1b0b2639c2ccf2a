//! Publishing: how a change made in the portal becomes the published version. A
//! provider's change is a proposal that waits for an editor, unless it touches only
//! fields the operator lets providers publish directly; an editor's change is published
//! at once. Approving, rejecting and restoring an older version are here too, each one
//! transaction that writes through the store's change log (so search follows) with the
//! person who did it as the actor.

use crate::auth::SignedIn;
use crate::{AppError, AppState, Locale};
use chrono::Utc;
use serde_json::Value;
use wegwijs_domain::{Id, Location, Organisation, Service, Verification, VerifiedBy};
use wegwijs_mail::{Mail, MailContent};
use wegwijs_store::{EntityKind, Expected, Proposal, ProposalDraft, ProposalStatus, WriteTx};

/// A record that can be edited in the portal.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// An organisation.
    Organisation(Organisation),
    /// A location.
    Location(Location),
    /// A service.
    Service(Service),
}

impl Record {
    /// Its kind in the store.
    pub fn kind(&self) -> EntityKind {
        match self {
            Self::Organisation(_) => EntityKind::Organisation,
            Self::Location(_) => EntityKind::Location,
            Self::Service(_) => EntityKind::Service,
        }
    }

    /// Its id.
    pub fn id(&self) -> &Id {
        match self {
            Self::Organisation(o) => &o.id,
            Self::Location(l) => &l.id,
            Self::Service(s) => &s.id,
        }
    }

    /// The organisation it belongs to (a location without one belongs to nobody, and
    /// only editors can change it).
    pub fn organisation_id(&self) -> Option<&Id> {
        match self {
            Self::Organisation(o) => Some(&o.id),
            Self::Location(l) => l.organisation_id.as_ref(),
            Self::Service(s) => Some(&s.organisation_id),
        }
    }

    /// Its name, for lists and mails.
    pub fn name(&self) -> &str {
        match self {
            Self::Organisation(o) => o.name.as_str(),
            Self::Location(l) => l.name.as_str(),
            Self::Service(s) => s.name.as_str(),
        }
    }

    /// As stored.
    pub fn to_json(&self) -> Result<String, AppError> {
        let text = match self {
            Self::Organisation(o) => serde_json::to_string(o),
            Self::Location(l) => serde_json::to_string(l),
            Self::Service(s) => serde_json::to_string(s),
        };
        text.map_err(|e| AppError::BadRequest(e.to_string()))
    }

    /// As a JSON value, for comparing versions field by field.
    pub fn to_value(&self) -> Value {
        let value = match self {
            Self::Organisation(o) => serde_json::to_value(o),
            Self::Location(l) => serde_json::to_value(l),
            Self::Service(s) => serde_json::to_value(s),
        };
        // Domain records are plain data: serialising them cannot fail.
        value.unwrap_or(Value::Null)
    }

    /// Reads a record of `kind` as stored (a proposal's data, an old version).
    pub fn from_json(kind: EntityKind, data: &str) -> Result<Self, AppError> {
        let corrupt = |e: serde_json::Error| {
            AppError::Store(wegwijs_store::Error::Corrupt {
                entity: kind,
                id: Id::derived("corrupt", data.get(..40).unwrap_or(data)),
                reason: e.to_string(),
            })
        };
        Ok(match kind {
            EntityKind::Organisation => Self::Organisation(serde_json::from_str(data).map_err(corrupt)?),
            EntityKind::Location => Self::Location(serde_json::from_str(data).map_err(corrupt)?),
            EntityKind::Service => Self::Service(serde_json::from_str(data).map_err(corrupt)?),
            _ => return Err(AppError::NotFound),
        })
    }

    /// The published version of a record, if there is one.
    pub async fn load(state: &AppState, kind: EntityKind, id: &Id) -> Result<Option<Self>, AppError> {
        Ok(match kind {
            EntityKind::Organisation => state.store.organisation(id).await?.map(Self::Organisation),
            EntityKind::Location => state.store.location(id).await?.map(Self::Location),
            EntityKind::Service => state.store.service(id).await?.map(Self::Service),
            _ => None,
        })
    }

    /// Marks the record as changed and confirmed now by `by`: an approved change is also
    /// a confirmation that the record is right.
    fn stamp(&mut self, by: VerifiedBy) {
        let now = Utc::now();
        let meta = match self {
            Self::Organisation(o) => &mut o.meta,
            Self::Location(l) => &mut l.meta,
            Self::Service(s) => &mut s.meta,
        };
        meta.updated = now;
        meta.verification = Some(Verification { at: now, by });
    }

    /// Writes the record in `tx`.
    async fn put(&self, tx: &mut WriteTx) -> Result<(), AppError> {
        match self {
            Self::Organisation(o) => tx.put_organisation(o).await?,
            Self::Location(l) => tx.put_location(l).await?,
            Self::Service(s) => tx.put_service(s).await?,
        };
        Ok(())
    }

    /// The content fields that differ from `published` (`None`: a new record).
    pub fn changed_fields(&self, published: Option<&Self>) -> Vec<String> {
        let before = published.map(Self::to_value);
        wegwijs_domain::diff::field_changes(before.as_ref(), &self.to_value(), &[])
            .into_iter()
            .map(|c| c.path)
            .collect()
    }
}

/// What became of a change submitted in the portal.
#[derive(Debug)]
pub enum Outcome {
    /// It is published.
    Published,
    /// Nothing changed: the record is confirmed as still right.
    Confirmed,
    /// It waits for an editor.
    Proposed,
}

/// Submits `record` as changed by `by` in the portal. `expected` is what the form was
/// opened on; if the record or its open proposal changed since, nothing is saved and
/// the store says [`wegwijs_store::Error::Stale`] (the handler shows the form again).
pub async fn submit(
    state: &AppState,
    by: &SignedIn,
    mut record: Record,
    expected: Expected,
) -> Result<Outcome, AppError> {
    let published = Record::load(state, record.kind(), record.id()).await?;
    let pending = state.store.pending_proposal_for(record.kind(), record.id()).await?;
    // A provider's save that changes nothing but directly publishable fields goes live
    // at once; one that changes nothing at all too, as a confirmation that the entry
    // is still right (it only renews the verification date).
    let changed = record.changed_fields(published.as_ref());
    let direct = by.is_editor()
        || (pending.is_none()
            && published.is_some()
            && changed.iter().all(|field| state.config.publish_directly.iter().any(|f| f == field)));
    if direct {
        let mut tx = state.store.begin().await?;
        tx.act_as(by.actor());
        if tx.record_seq(record.kind(), record.id()).await? != expected.record_seq {
            return Err(wegwijs_store::Error::Stale { entity: record.kind(), id: record.id().clone() }.into());
        }
        record.stamp(if by.is_editor() { VerifiedBy::Editor } else { VerifiedBy::Provider });
        record.put(&mut tx).await?;
        tx.commit().await?;
        tracing::info!(kind = %record.kind(), id = %record.id(), by = %by.user.id, "published directly");
        return Ok(if changed.is_empty() { Outcome::Confirmed } else { Outcome::Published });
    }
    let organisation_id = record.organisation_id().cloned().ok_or(AppError::Forbidden)?;
    let draft = ProposalDraft {
        entity: record.kind(),
        entity_id: record.id().clone(),
        organisation_id: organisation_id.clone(),
        author_id: by.user.id.clone(),
        data: record.to_json()?,
    };
    let proposal = state.store.save_proposal(&draft, expected).await?;
    if proposal.revision == 1 {
        tell_editors(state, &proposal, record.name()).await?;
    }
    Ok(Outcome::Proposed)
}

/// Mails every editor that a new proposal waits.
async fn tell_editors(state: &AppState, proposal: &Proposal, name: &str) -> Result<(), AppError> {
    let organisation =
        state.store.organisation(&proposal.organisation_id).await?.map(|o| o.name.to_string()).unwrap_or_default();
    for editor in state.store.editors().await? {
        let mail = Mail {
            to: editor.email.to_string(),
            to_name: Some(editor.name.clone()),
            reply_to: None,
            language: wegwijs_mail::Language::Nl,
            content: MailContent::ProposalWaiting {
                record: name.to_owned(),
                organisation: organisation.clone(),
                link: format!("{}/redactie/voorstellen/{}", state.config.link_origin(), proposal.id),
            },
        };
        state.send_mail(&mail).await;
    }
    Ok(())
}

/// Approves a pending proposal, publishing `edited` (the editor's version) or else
/// the proposal as it is, and tells its author.
pub async fn approve(
    state: &AppState,
    editor: &SignedIn,
    proposal: &Proposal,
    edited: Option<Record>,
) -> Result<(), AppError> {
    let mut record = match edited {
        Some(record) => record,
        None => Record::from_json(proposal.entity, &proposal.data)?,
    };
    record.stamp(VerifiedBy::Editor);
    let mut tx = state.store.begin().await?;
    tx.act_as(editor.actor());
    record.put(&mut tx).await?;
    tx.decide_proposal(&proposal.id, ProposalStatus::Approved, &editor.user.id, None).await?;
    tx.commit().await?;
    tracing::info!(proposal = %proposal.id, editor = %editor.user.id, "proposal approved and published");
    tell_author(state, editor, proposal, record.name(), None).await
}

/// Rejects a pending proposal with a message to its author.
pub async fn reject(state: &AppState, editor: &SignedIn, proposal: &Proposal, message: &str) -> Result<(), AppError> {
    let mut tx = state.store.begin().await?;
    tx.decide_proposal(&proposal.id, ProposalStatus::Rejected, &editor.user.id, Some(message)).await?;
    tx.commit().await?;
    tracing::info!(proposal = %proposal.id, editor = %editor.user.id, "proposal rejected");
    let record = Record::from_json(proposal.entity, &proposal.data)?;
    tell_author(state, editor, proposal, record.name(), Some(message)).await
}

/// Mails the author of a proposal what became of it; replies go to the editor who
/// decided, so the provider can ask about a rejection.
async fn tell_author(
    state: &AppState,
    editor: &SignedIn,
    proposal: &Proposal,
    name: &str,
    rejection: Option<&str>,
) -> Result<(), AppError> {
    let Some(author) = state.store.user(&proposal.author_id).await? else { return Ok(()) };
    let link = format!("{}/portaal", state.config.link_origin());
    let content = match rejection {
        Some(message) => MailContent::ProposalRejected { record: name.to_owned(), message: message.to_owned(), link },
        None => MailContent::ProposalApproved { record: name.to_owned(), link },
    };
    let mail = Mail {
        to: author.email.to_string(),
        to_name: Some(author.name.clone()),
        reply_to: Some(editor.user.email.to_string()),
        language: Locale::Nl.mail_language(),
        content,
    };
    state.send_mail(&mail).await;
    Ok(())
}

/// Publishes an older version of a record again, as a new version by `editor`.
pub async fn restore(state: &AppState, editor: &SignedIn, kind: EntityKind, data: &str) -> Result<Record, AppError> {
    let mut record = Record::from_json(kind, data)?;
    record.stamp(VerifiedBy::Editor);
    let mut tx = state.store.begin().await?;
    tx.act_as(editor.actor());
    record.put(&mut tx).await?;
    tx.commit().await?;
    tracing::info!(kind = %kind, id = %record.id(), editor = %editor.user.id, "older version restored");
    Ok(record)
}
