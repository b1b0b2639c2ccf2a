//! HSDS 1.x and 2.x packages, which many publishers still export, read as 3.0 tables.
//!
//! Each old file is read with its own columns (the 1.1 and 2.0 `datapackage.json`
//! files of the specification repository, branches `1.1` and `2.0-dev`); the old
//! descriptions' types are not used, because they contain mistakes such as `count` typed
//! as a date. What has a place in 3.0 or the Dutch profile is moved there (see
//! [`map`]); what has none is reported per file and column. Old feeds number their rows
//! 1, 2, 3, so every id that is not a UUID is replaced by one derived from the source
//! name, the table and the old id: stable on every re-import, and unable to collide
//! with another feed's row 1. The old id stays in `source.reference`.

mod columns;
mod hours;
mod map;
mod words;

use columns::{FILES, columns};

use super::load::{ColumnPlan, load};
use super::package::{DESCRIPTION, Description};
use super::source::Source;
use super::tables::Tables;
use super::v3::file_warning;
use super::value::Hints;
use crate::import::{Collector, ImportContext};
use crate::{ImportError, RecordProblem};
use std::collections::BTreeMap;
use wegwijs_domain::Id;

/// The kind of an old file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Taxonomy,
    TaxonomyTerm,
    Organization,
    Program,
    Service,
    Location,
    ServiceAtLocation,
    Contact,
    Phone,
    PhysicalAddress,
    PostalAddress,
    Address,
    RegularSchedule,
    HolidaySchedule,
    Schedule,
    Funding,
    Eligibility,
    Fee,
    ServiceArea,
    RequiredDocument,
    Language,
    Accessibility,
    ServiceTaxonomy,
    ServiceAttribute,
    OtherAttribute,
}

/// Derives the ids of one feed.
pub(crate) struct Ids {
    source: String,
}

impl Ids {
    /// The id to use for the old id `raw` of a row of `table` (the old table name).
    pub(crate) fn derive(&self, table: &str, raw: &str) -> String {
        let raw = raw.trim();
        if is_uuid(raw) {
            return raw.to_owned();
        }
        Id::derived(&format!("hsds-tabular/{}/{table}", self.source), raw).to_string()
    }
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(raw: &str) -> bool {
    let groups: Vec<&str> = raw.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Reads every old file of `source` and maps it to 3.0 tables. `None` when a file is
/// not readable as CSV (reported).
pub(crate) fn read(
    source: &mut Source,
    description: Option<&Description>,
    context: &ImportContext,
    collector: &mut Collector,
) -> Result<Option<Tables>, ImportError> {
    let mut names = source.files();
    for resource in description.into_iter().flat_map(|d| d.resources.iter()) {
        if !names.contains(&resource.path) && source.has(&resource.path) {
            names.push(resource.path.clone());
        }
    }
    let mut loaded: BTreeMap<Kind, Vec<super::tables::Record>> = BTreeMap::new();
    let mut readable = true;
    for name in names {
        let base = name.rsplit('/').next().unwrap_or(&name).to_ascii_lowercase();
        if base == DESCRIPTION {
            continue;
        }
        match FILES.iter().find(|(file, _)| *file == base) {
            Some((_, Some(kind))) => {
                let bytes = source.read(&name)?;
                let plan = |header: &str| plan(*kind, header);
                match load(&base.trim_end_matches(".csv").replace('_', " "), &name, &bytes, plan, collector) {
                    Some(records) => loaded.entry(*kind).or_default().extend(records),
                    None => readable = false,
                }
            }
            Some((_, None)) => {
                collector.warn(file_warning(&name, "this file has no place in HSDS 3.0 or Wegwijs; ignored"))
            }
            None if base.ends_with(".csv") => {
                collector.warn(file_warning(&name, "this file is no HSDS 1.x or 2.x table; ignored"))
            }
            None => {}
        }
    }
    if !readable {
        return Ok(None);
    }
    let ids = Ids { source: context.source_name.clone() };
    Ok(Some(map::to_v3(loaded, &ids, &context.source_name, collector)))
}

fn plan(kind: Kind, header: &str) -> Option<ColumnPlan> {
    let header = header.trim().to_ascii_lowercase();
    columns(kind).iter().find(|(name, _, _)| *name == header).map(|(_, key, ty)| ColumnPlan {
        key,
        ty: *ty,
        hints: Hints::default(),
    })
}

/// A problem with one old row.
pub(crate) fn row_problem(record: &super::tables::Record, what: &str, field: &str, message: String) -> RecordProblem {
    RecordProblem { place: Some(record.place()), record: record.label(what), field: field.to_owned(), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_non_uuid_ids_are_derived_and_derived_ids_are_stable() {
        let ids = Ids { source: "Sociale kaart Lisse".into() };
        let uuid = "ac148810-d857-441c-9679-408f346de14b";
        assert_eq!(ids.derive("services", uuid), uuid);
        assert_eq!(ids.derive("services", "12"), ids.derive("services", " 12 "));
        assert_ne!(ids.derive("services", "12"), ids.derive("locations", "12"));
        let other = Ids { source: "Sociale kaart Hillegom".into() };
        assert_ne!(ids.derive("services", "12"), other.derive("services", "12"));
        assert_eq!(
            ids.derive("services", "12"),
            Id::derived("hsds-tabular/Sociale kaart Lisse/services", "12").to_string()
        );
    }

    #[test]
    fn every_old_column_has_one_key_per_name() {
        for (_, kind) in FILES {
            let Some(kind) = kind else { continue };
            let names: Vec<&str> = columns(kind).iter().map(|(name, _, _)| *name).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{kind:?}");
        }
    }
}
