//! Gathers converted services into one batch: nested organisations and locations
//! repeat in every service and are kept once, as long as every copy agrees.

use super::common::Check;
use super::{ImportBatch, ImportContext, MAX_PROBLEMS};
use crate::wire::HsdsService;
use crate::{ImportError, RecordProblem};
use std::collections::BTreeMap;
use wegwijs_domain::Id;

pub(crate) struct Collector {
    context: ImportContext,
    batch: ImportBatch,
    problems: Vec<RecordProblem>,
    seen: usize,
    /// Problems past [`MAX_PROBLEMS`], counted but not kept.
    more: usize,
    /// Id → (position in the batch, record index where it first appeared).
    organisations: BTreeMap<Id, (usize, usize)>,
    locations: BTreeMap<Id, (usize, usize)>,
    services: BTreeMap<Id, usize>,
}

impl Collector {
    pub(crate) fn new(context: ImportContext) -> Self {
        Self {
            context,
            batch: ImportBatch::default(),
            problems: Vec::new(),
            seen: 0,
            more: 0,
            organisations: BTreeMap::new(),
            locations: BTreeMap::new(),
            services: BTreeMap::new(),
        }
    }

    pub(crate) fn add_service(&mut self, wire: HsdsService) {
        let index = self.seen;
        self.seen += 1;
        let record = label(index, &wire);
        let mut check = Check { record: record.clone(), problems: Vec::new(), context: &self.context };
        let described = super::service::convert(&mut check, &wire);
        let mut problems = check.problems;
        if let Some(described) = described {
            let conflict = |what: &str, id: &Id, first: usize| RecordProblem {
                record: record.clone(),
                field: String::new(),
                message: format!(
                    "{what} {:?} is described differently in services[{first}] and services[{index}]",
                    id.as_str()
                ),
            };
            {
                let org = described.organisation;
                match self.organisations.get(&org.id) {
                    Some(&(at, first)) if self.batch.organisations[at] != org => {
                        problems.push(conflict("organisation", &org.id, first))
                    }
                    Some(_) => {}
                    None => {
                        self.organisations.insert(org.id.clone(), (self.batch.organisations.len(), index));
                        self.batch.organisations.push(org);
                    }
                }
            }
            for location in described.locations {
                match self.locations.get(&location.id) {
                    Some(&(at, first)) if self.batch.locations[at] != location => {
                        problems.push(conflict("location", &location.id, first))
                    }
                    Some(_) => {}
                    None => {
                        self.locations.insert(location.id.clone(), (self.batch.locations.len(), index));
                        self.batch.locations.push(location);
                    }
                }
            }
            let service = described.service;
            if let Some(&first) = self.services.get(&service.id) {
                problems.push(RecordProblem {
                    record: record.clone(),
                    field: "id".to_owned(),
                    message: format!(
                        "the service id {:?} is used twice: by services[{first}] and services[{index}]",
                        service.id.as_str()
                    ),
                });
            } else {
                self.services.insert(service.id.clone(), index);
                self.batch.term_ids.extend(service.terms.iter().cloned());
                self.batch.services.push(service);
            }
        }
        let room = MAX_PROBLEMS - self.problems.len();
        self.more += problems.len().saturating_sub(room);
        self.problems.extend(problems.into_iter().take(room));
    }

    pub(crate) fn finish(self) -> Result<ImportBatch, ImportError> {
        let mut problems = self.problems;
        if problems.is_empty() {
            return Ok(self.batch);
        }
        if self.more > 0 {
            problems.push(RecordProblem {
                record: format!("and {} more", self.more),
                field: String::new(),
                message: String::new(),
            });
        }
        Err(ImportError::Invalid(problems))
    }
}

/// `services[12] (id "7f3a…-full-uuid", "Maatjesproject")`, with what the record has
/// of these. The id is given whole: it is what an administrator searches the file for.
fn label(index: usize, wire: &HsdsService) -> String {
    let mut parts = Vec::new();
    if let Some(id) = &wire.id {
        parts.push(format!("id {id:?}"));
    }
    if let Some(name) = &wire.name {
        parts.push(format!("{name:?}"));
    }
    if parts.is_empty() { format!("services[{index}]") } else { format!("services[{index}] ({})", parts.join(", ")) }
}
