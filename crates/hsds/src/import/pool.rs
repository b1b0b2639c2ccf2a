//! Records of one kind seen in a file, each kept once: nested organisations, locations
//! and terms repeat in every service that holds them, and every copy must agree.

use crate::RecordProblem;
use std::collections::BTreeMap;
use wegwijs_domain::{HsdsExtra, Id, Location, Organisation, Taxonomy, TaxonomyTerm};

/// Records of one kind, each kept once, in order of first appearance.
pub(crate) struct Pool<T> {
    pub(crate) items: Vec<T>,
    /// Id → (position in `items`, the service record it first appeared in).
    index: BTreeMap<Id, (usize, Option<usize>)>,
}

impl<T> Default for Pool<T> {
    fn default() -> Self {
        Self { items: Vec::new(), index: BTreeMap::new() }
    }
}

/// What adding a copy of a record found.
pub(crate) enum Added {
    New,
    Same,
    /// The same record with other HSDS extras; the first copy's are kept.
    OtherExtras {
        id: Id,
    },
    /// A different record under the same id.
    Conflict {
        id: Id,
        first: Option<usize>,
    },
}

/// A record whose extras can be told apart from the rest of it.
pub(crate) trait Extras: Clone + PartialEq {
    /// The record's extras, if it has any; set aside while copies are compared, so
    /// that they are not cloned only to be dropped.
    fn extras_mut(&mut self) -> Option<&mut HsdsExtra> {
        None
    }

    /// Fills what this copy leaves open from another copy of the same record.
    fn fill_gaps(&mut self, _other: &Self) {}
}

impl Extras for Organisation {
    fn extras_mut(&mut self) -> Option<&mut HsdsExtra> {
        Some(&mut self.hsds_extra)
    }
}
impl Extras for Location {
    fn extras_mut(&mut self) -> Option<&mut HsdsExtra> {
        Some(&mut self.hsds_extra)
    }

    /// A location nested in a service often leaves out the organisation that the copy
    /// in the organisation's own `locations` has.
    fn fill_gaps(&mut self, other: &Self) {
        if self.organisation_id.is_none() {
            self.organisation_id = other.organisation_id.clone();
        }
    }
}
impl Extras for Taxonomy {}
impl Extras for TaxonomyTerm {}

impl<T: Extras> Pool<T> {
    pub(crate) fn add(&mut self, id: Id, mut record: T, seen_in: Option<usize>) -> Added {
        match self.index.get(&id) {
            None => {
                self.index.insert(id, (self.items.len(), seen_in));
                self.items.push(record);
                Added::New
            }
            Some(&(at, first)) => {
                let kept_extras = self.items[at].extras_mut().map(std::mem::take);
                let record_extras = record.extras_mut().map(std::mem::take);
                let mut kept = self.items[at].clone();
                kept.fill_gaps(&record);
                record.fill_gaps(&self.items[at]);
                let agree = kept == record;
                if agree {
                    self.items[at] = kept;
                }
                let same = kept_extras == record_extras;
                if let (Some(slot), Some(extras)) = (self.items[at].extras_mut(), kept_extras) {
                    *slot = extras;
                }
                match (agree, same) {
                    (false, _) => Added::Conflict { id, first },
                    (true, true) => Added::Same,
                    (true, false) => Added::OtherExtras { id },
                }
            }
        }
    }
}

pub(crate) enum Note {
    Conflict(RecordProblem),
    OtherExtras(RecordProblem),
}

impl Note {
    pub(crate) fn into_problem(self) -> RecordProblem {
        match self {
            Self::Conflict(problem) | Self::OtherExtras(problem) => problem,
        }
    }
}

impl Added {
    /// The note for `record` (read as services[`index`] when it is a service) about a
    /// `what` it holds, if any.
    pub(crate) fn note(self, what: &str, record: &str, index: usize) -> Option<Note> {
        let problem =
            |message: String| RecordProblem { place: None, record: record.to_owned(), field: String::new(), message };
        match self {
            Self::New | Self::Same => None,
            Self::Conflict { id, first: Some(first) } => Some(Note::Conflict(problem(format!(
                "{what} {:?} is described differently in services[{first}] and services[{index}]",
                id.as_str()
            )))),
            Self::Conflict { id, first: None } => {
                Some(Note::Conflict(problem(format!("{what} {:?} is described twice, differently", id.as_str()))))
            }
            Self::OtherExtras { id } => Some(Note::OtherExtras(problem(format!(
                "{what} {:?} is described again with other HSDS fields Wegwijs has no place for; those of its first \
                 description are kept",
                id.as_str()
            )))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wegwijs_domain::{HsdsExtra, LocationKind, Name, RecordMeta, Source};

    fn location(organisation: Option<&str>, extra: serde_json::Value) -> Location {
        let serde_json::Value::Object(extra) = extra else { panic!("an object") };
        Location {
            id: Id::parse("loc-1").unwrap(),
            organisation_id: organisation.map(|id| Id::parse(id).unwrap()),
            name: Name::parse("Dorpshuis").unwrap(),
            description: None,
            kind: LocationKind::Physical,
            address: None,
            point: None,
            transportation: None,
            accessibility: None,
            phones: vec![],
            opening_hours: Default::default(),
            meta: RecordMeta::new(chrono::DateTime::UNIX_EPOCH, Source::named("feed.json")),
            hsds_extra: HsdsExtra::new(extra),
        }
    }

    fn id() -> Id {
        Id::parse("loc-1").unwrap()
    }

    #[test]
    fn a_copy_that_leaves_out_the_organisation_is_the_same_location() {
        let mut pool = Pool::default();
        assert!(matches!(pool.add(id(), location(None, serde_json::json!({})), Some(0)), Added::New));
        assert!(matches!(pool.add(id(), location(Some("org-1"), serde_json::json!({})), Some(1)), Added::Same));
        assert_eq!(pool.items[0].organisation_id, Some(Id::parse("org-1").unwrap()));
        assert!(matches!(pool.add(id(), location(None, serde_json::json!({})), Some(2)), Added::Same));
        assert!(matches!(
            pool.add(id(), location(Some("org-2"), serde_json::json!({})), Some(3)),
            Added::Conflict { .. }
        ));
    }

    #[test]
    fn copies_with_other_extras_keep_the_first_and_are_noted() {
        let mut pool = Pool::default();
        pool.add(id(), location(None, serde_json::json!({"add": {"url": "a"}})), Some(0));
        let added = pool.add(id(), location(None, serde_json::json!({"add": {"url": "b"}})), Some(1));
        assert!(matches!(added.note("location", "services[1]", 1), Some(Note::OtherExtras(_))));
        assert_eq!(pool.items[0].hsds_extra.as_map()["add"]["url"], "a");
    }
}
