//! What a checked file needs before it is written, given what the database already
//! holds: a feed knows nothing of this kaart's own words for its themes, of when a
//! record was first stored, or of records it refers to but does not describe.

use crate::batch::Batch;
use anyhow::Context;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};
use wegwijs_domain::{Id, Name, RecordMeta, Taxonomy, TaxonomyTerm};
use wegwijs_hsds::RecordProblem;
use wegwijs_store::Store;

/// A plain HSDS feed has no lay names or synonyms for its terms; writing its terms as
/// they are would wipe the words residents search with from terms this kaart already
/// has. Such terms keep the stored words; a feed that has words of its own wins.
pub(super) async fn keep_local_words(store: &Store, terms: &mut [TaxonomyTerm]) -> anyhow::Result<()> {
    if terms.iter().all(|term| !term.lay_name.is_empty() || !term.synonyms.is_empty()) {
        return Ok(());
    }
    let stored: HashMap<Id, TaxonomyTerm> =
        store.taxonomy_terms().await?.into_iter().map(|term| (term.id.clone(), term)).collect();
    for term in terms.iter_mut().filter(|term| term.lay_name.is_empty() && term.synonyms.is_empty()) {
        if let Some(local) = stored.get(&term.id) {
            term.lay_name.clone_from(&local.lay_name);
            term.synonyms.clone_from(&local.synonyms);
        }
    }
    Ok(())
}

/// A file without dates gives its records the time of the import as `created` and
/// `updated`. Stored as such, every re-import of an unchanged spreadsheet would
/// "change" every record and a record's creation date would move. So a record that
/// already exists keeps its stored `created`, and keeps its stored `updated` too when
/// nothing else about it changed. Files that carry dates (Wegwijs's own exports) are
/// left as they are.
pub(super) async fn keep_stored_dates(store: &Store, batch: &mut Batch, now: DateTime<Utc>) -> anyhow::Result<()> {
    let ids = |metas: Vec<(&Id, &RecordMeta)>| -> Vec<Id> {
        metas
            .into_iter()
            .filter(|(_, meta)| meta.created == now || meta.updated == now)
            .map(|(id, _)| id.clone())
            .collect()
    };
    let wanted = ids(batch.organisations.iter().map(|o| (&o.id, &o.meta)).collect());
    settle(&mut batch.organisations, store.organisations_by_ids(&wanted).await?, now, |o| &o.id, |o| &mut o.meta);
    let wanted = ids(batch.locations.iter().map(|l| (&l.id, &l.meta)).collect());
    settle(&mut batch.locations, store.locations_by_ids(&wanted).await?, now, |l| &l.id, |l| &mut l.meta);
    let wanted = ids(batch.services.iter().map(|s| (&s.id, &s.meta)).collect());
    settle(&mut batch.services, store.services_by_ids(&wanted).await?, now, |s| &s.id, |s| &mut s.meta);
    Ok(())
}

/// [`keep_stored_dates`] for one kind of record.
fn settle<T: Clone + PartialEq>(
    records: &mut [T],
    stored: Vec<T>,
    now: DateTime<Utc>,
    id: impl Fn(&T) -> &Id,
    meta: impl Fn(&mut T) -> &mut RecordMeta,
) {
    let mut stored: HashMap<Id, T> = stored.into_iter().map(|record| (id(&record).clone(), record)).collect();
    for record in records.iter_mut() {
        let Some(mut old) = stored.remove(id(record)) else { continue };
        let old_meta = meta(&mut old).clone();
        let new = meta(record);
        if new.created == now {
            new.created = old_meta.created;
        }
        if new.updated == now {
            new.updated = old_meta.updated;
            if *record != old {
                meta(record).updated = now;
            }
        }
    }
}

/// HSDS lets a term name its taxonomy by an id that the feed never describes (the
/// official HSDS example package does). A term needs its taxonomy to be stored, so such
/// a taxonomy is made from what is known — its id and the source — with a warning, so
/// an editor can name it; one this kaart already has is used as it is.
pub(super) async fn name_unknown_taxonomies(
    store: &Store,
    batch: &mut Batch,
    source_name: &str,
    warnings: &mut Vec<RecordProblem>,
) -> anyhow::Result<()> {
    let mut known: HashSet<Id> = batch.taxonomies.iter().map(|t| t.id.clone()).collect();
    if batch.terms.iter().all(|term| known.contains(&term.taxonomy_id)) {
        return Ok(());
    }
    known.extend(store.taxonomies().await?.into_iter().map(|t| t.id));
    for term in &batch.terms {
        if known.insert(term.taxonomy_id.clone()) {
            let name = Name::parse(&format!("Taxonomie uit {source_name}"))
                .or_else(|_| Name::parse("Taxonomie uit een import"))
                .context("a fixed taxonomy name is valid")?;
            batch.taxonomies.push(Taxonomy {
                id: term.taxonomy_id.clone(),
                name,
                description: format!("Named by taxonomy terms of {source_name}, which does not describe it."),
                uri: None,
                version: None,
            });
            warnings.push(RecordProblem {
                place: None,
                record: format!("taxonomy_term (id {:?})", term.id.as_str()),
                field: "taxonomy_id".to_owned(),
                message: format!(
                    "the taxonomy {:?} is not in the file and not in Wegwijs; it was added as \"Taxonomie uit \
                     {source_name}\" for an editor to name",
                    term.taxonomy_id.as_str()
                ),
            });
        }
    }
    Ok(())
}

/// A location may name an organisation that is neither in the file nor in Wegwijs (the
/// official HSDS example package does). The location is still useful without that
/// link; the id is kept for HSDS exports, with a warning.
pub(super) async fn unlink_unknown_organisations(
    store: &Store,
    batch: &mut Batch,
    warnings: &mut Vec<RecordProblem>,
) -> anyhow::Result<()> {
    let in_file: HashSet<&Id> = batch.organisations.iter().map(|o| &o.id).collect();
    let elsewhere: Vec<Id> =
        batch.locations.iter().filter_map(|l| l.organisation_id.clone()).filter(|id| !in_file.contains(id)).collect();
    if elsewhere.is_empty() {
        return Ok(());
    }
    let stored: HashSet<Id> = store.organisations_by_ids(&elsewhere).await?.into_iter().map(|o| o.id).collect();
    let known: HashSet<Id> = in_file.into_iter().cloned().chain(stored).collect();
    for location in &mut batch.locations {
        let Some(id) = location.organisation_id.clone().filter(|id| !known.contains(id)) else { continue };
        location.organisation_id = None;
        wegwijs_hsds::keep_property(&mut location.hsds_extra, "organization_id", id.as_str().into());
        warnings.push(RecordProblem {
            place: None,
            record: format!("location (id {:?})", location.id.as_str()),
            field: "organization_id".to_owned(),
            message: format!(
                "the organisation {:?} is not in the file and not in Wegwijs; the location is kept without it \
                 and HSDS exports give the id back",
                id.as_str()
            ),
        });
    }
    Ok(())
}
