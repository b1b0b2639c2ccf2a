//! Gathers converted records into one batch: nested organisations, locations and
//! taxonomy terms repeat in every service and are kept once, as long as every copy
//! agrees. Other collectors of records (the tabular import) feed it too.

use super::common::Check;
use super::pool::{Note, Pool};
use super::{ImportBatch, ImportContext, MAX_PROBLEMS, keep, legacy, read};
use crate::wire::{HsdsService, WireLocation, WireOrganization, WireTaxonomy, WireTaxonomyTerm};
use crate::{ImportError, Place, RecordProblem};
use std::collections::{BTreeMap, BTreeSet};
use wegwijs_domain::{Id, Location, Organisation, Service, Taxonomy, TaxonomyTerm};

/// Where the parts of one record were read, for tabular imports: a record assembled
/// from several CSV files maps each field-path prefix to the file and line it came
/// from (`""` → `services.csv` line 12, `"service_at_locations[0].location"` →
/// `locations.csv` line 3). A problem is reported at the longest matching prefix, with
/// the rest of the path as its field, which for a flat table is the column name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Origins(Vec<(String, Place)>);

impl Origins {
    /// No places: a JSON record.
    pub(crate) fn none() -> Self {
        Self::default()
    }

    /// Records that the object at `path` (`""` for the record itself) was read from `place`.
    pub(crate) fn add(&mut self, path: impl Into<String>, place: Place) {
        self.0.push((path.into(), place));
    }

    /// The same places, for a record whose conversion names its fields under `root`
    /// (a standalone organisation is converted as if nested at `organization`).
    fn under(&self, root: &str) -> Self {
        Self(
            self.0
                .iter()
                .map(|(path, place)| {
                    let path = if path.is_empty() { root.to_owned() } else { format!("{root}.{path}") };
                    (path, place.clone())
                })
                .collect(),
        )
    }

    /// Gives `problem` its place and shortens its field to the part inside that place.
    pub(crate) fn locate(&self, mut problem: RecordProblem) -> RecordProblem {
        let best = self
            .0
            .iter()
            .filter(|(prefix, _)| {
                prefix.is_empty()
                    || problem.field == *prefix
                    || problem.field.strip_prefix(prefix.as_str()).is_some_and(|rest| rest.starts_with('.'))
            })
            .max_by_key(|(prefix, _)| prefix.len());
        if let Some((prefix, place)) = best {
            problem.place = Some(place.clone());
            if !prefix.is_empty() {
                problem.field = problem.field[prefix.len()..].trim_start_matches('.').to_owned();
            }
        }
        problem
    }
}

/// Converts records as they are read and keeps each once; [`Collector::finish`] gives
/// the batch, or every problem found.
pub(crate) struct Collector {
    context: ImportContext,
    problems: Vec<RecordProblem>,
    warnings: Vec<RecordProblem>,
    seen: usize,
    /// Problems past [`MAX_PROBLEMS`], counted but not kept.
    more: usize,
    organisations: Pool<Organisation>,
    locations: Pool<Location>,
    services: Vec<Service>,
    /// Service id → the index of the record it was read from.
    service_ids: BTreeMap<Id, usize>,
    taxonomies: Pool<Taxonomy>,
    terms: Pool<TaxonomyTerm>,
    term_ids: BTreeSet<Id>,
}

impl Collector {
    pub(crate) fn new(context: ImportContext) -> Self {
        Self {
            context,
            problems: Vec::new(),
            warnings: Vec::new(),
            seen: 0,
            more: 0,
            organisations: Pool::default(),
            locations: Pool::default(),
            services: Vec::new(),
            service_ids: BTreeMap::new(),
            taxonomies: Pool::default(),
            terms: Pool::default(),
            term_ids: BTreeSet::new(),
        }
    }

    /// Adds one nested service object given as JSON (as read from a file, or as a
    /// tabular import assembles it), with the organisation, locations and terms nested
    /// in it. A value of the wrong JSON type is a problem of this record, not of the
    /// file, and only a warning where the record can do without it.
    pub(crate) fn add_service_value(&mut self, mut value: serde_json::Value, origins: &Origins) {
        let index = self.seen;
        self.seen += 1;
        let record = read::label(&format!("services[{index}]"), &value);
        let (mut wire, read_warnings) = match read::wire::<HsdsService>(&record, &value, SERVICE_NEEDS) {
            Ok(read) => read,
            Err(problem) => return self.push_problems(vec![origins.locate(problem)]),
        };
        legacy::upgrade_service(&mut wire);
        let mut check = Check::new(record.clone(), &self.context);
        check.warnings = read_warnings;
        let converted = super::service::convert(&mut check, &wire);
        let (mut problems, warnings) = (check.problems, check.warnings);
        if let Some(mut converted) = converted {
            legacy::strip(&mut value);
            keep::keep_service(value, &mut converted);
            let seen_in = Some(index);
            let mut notes = Vec::new();
            let org = converted.organisation;
            notes.extend(self.organisations.add(org.id.clone(), org, seen_in).note("organisation", &record, index));
            for (_, location) in converted.locations {
                let id = location.id.clone();
                notes.extend(self.locations.add(id, location, seen_in).note("location", &record, index));
            }
            for taxonomy in converted.taxonomies {
                let id = taxonomy.id.clone();
                notes.extend(self.taxonomies.add(id, taxonomy, seen_in).note("taxonomy", &record, index));
            }
            for term in converted.terms {
                let id = term.id.clone();
                notes.extend(self.terms.add(id, term, seen_in).note("taxonomy term", &record, index));
            }
            self.sort_notes(notes, &mut problems, origins);
            let service = converted.service;
            if let Some(&first) = self.service_ids.get(&service.id) {
                problems.push(RecordProblem {
                    place: None,
                    record: record.clone(),
                    field: "id".to_owned(),
                    message: format!(
                        "the service id {:?} is used twice: by services[{first}] and services[{index}]",
                        service.id.as_str()
                    ),
                });
            } else {
                self.service_ids.insert(service.id.clone(), index);
                self.term_ids.extend(service.terms.iter().cloned());
                self.services.push(service);
            }
        }
        self.push_located(problems, origins);
        self.push_warnings(warnings, origins);
    }

    /// Adds an organisation that is read on its own (a row of `organizations.csv`),
    /// whether or not a service refers to it, with the locations nested in it.
    pub(crate) fn add_organisation_value(&mut self, mut value: serde_json::Value, origins: &Origins) {
        let Some((mut wire, record)) =
            self.standalone::<WireOrganization>("organization", &value, ORGANISATION_NEEDS, origins)
        else {
            return;
        };
        legacy::upgrade_organisation(&mut wire);
        let origins = &origins.under("organization");
        let mut check = Check::new(record.clone(), &self.context);
        let converted = super::location::organisation(&mut check, "organization", &wire);
        let mut locations =
            super::location::organisation_locations(&mut check, "organization", &wire, converted.as_ref());
        let (mut problems, warnings) = (check.problems, check.warnings);
        if let (Some(mut org), true) = (converted, problems.is_empty()) {
            legacy::strip(&mut value);
            keep::keep_organisation(value, &mut org, &mut locations);
            let mut notes = Vec::new();
            notes.extend(self.organisations.add(org.id.clone(), org, None).note("organisation", &record, 0));
            for (_, location) in locations {
                let id = location.id.clone();
                notes.extend(self.locations.add(id, location, None).note("location", &record, 0));
            }
            self.sort_notes(notes, &mut problems, origins);
        }
        self.push_located(problems, origins);
        self.push_warnings(warnings, origins);
    }

    /// Adds a location that is read on its own (a row of `locations.csv`).
    pub(crate) fn add_location_value(&mut self, mut value: serde_json::Value, origins: &Origins) {
        let Some((mut wire, record)) = self.standalone::<WireLocation>("location", &value, LOCATION_NEEDS, origins)
        else {
            return;
        };
        legacy::upgrade_location(&mut wire);
        let origins = &origins.under("location");
        let mut check = Check::new(record.clone(), &self.context);
        let converted = super::location::location(&mut check, "location", &wire);
        let (mut problems, warnings) = (check.problems, check.warnings);
        if let (Some(mut location), true) = (converted, problems.is_empty()) {
            legacy::strip(&mut value);
            if let Some(incoming) = value.as_object() {
                location.hsds_extra = keep::location_extra(incoming, &location, None);
            }
            let id = location.id.clone();
            let notes = self.locations.add(id, location, None).note("location", &record, 0);
            self.sort_notes(notes.into_iter().collect(), &mut problems, origins);
        }
        self.push_located(problems, origins);
        self.push_warnings(warnings, origins);
    }

    /// Adds a taxonomy (a row of `taxonomies.csv`, or one read on its own).
    pub(crate) fn add_taxonomy_value(&mut self, value: serde_json::Value, origins: &Origins) {
        let Some((wire, record)) = self.standalone::<WireTaxonomy>("taxonomy", &value, TAXONOMY_NEEDS, origins) else {
            return;
        };
        let mut check = Check::new(record.clone(), &self.context);
        let converted = super::taxonomy::taxonomy(&mut check, "taxonomy", &wire);
        let mut problems = check.problems;
        if let (Some(taxonomy), true) = (converted, problems.is_empty()) {
            let notes = self.taxonomies.add(taxonomy.id.clone(), taxonomy, None).note("taxonomy", &record, 0);
            problems.extend(notes.map(Note::into_problem));
        }
        self.push_located(problems, &origins.under("taxonomy"));
    }

    /// Adds a taxonomy term (a row of `taxonomy_terms.csv`, or one read on its own),
    /// and the taxonomy it describes in `taxonomy_detail`.
    pub(crate) fn add_term_value(&mut self, value: serde_json::Value, origins: &Origins) {
        let Some((wire, record)) = self.standalone::<WireTaxonomyTerm>("taxonomy_term", &value, TERM_NEEDS, origins)
        else {
            return;
        };
        let mut check = Check::new(record.clone(), &self.context);
        let converted = super::taxonomy::term(&mut check, "taxonomy_term", &wire);
        let detail = wire.taxonomy_detail.as_ref().filter(|d| d.name.is_some());
        let taxonomy = detail.and_then(|d| super::taxonomy::taxonomy(&mut check, "taxonomy_term.taxonomy_detail", d));
        let mut problems = check.problems;
        if let (Some(term), true) = (converted, problems.is_empty()) {
            let mut notes = Vec::new();
            if let Some(taxonomy) = taxonomy {
                notes.extend(self.taxonomies.add(taxonomy.id.clone(), taxonomy, None).note("taxonomy", &record, 0));
            }
            notes.extend(self.terms.add(term.id.clone(), term, None).note("taxonomy term", &record, 0));
            problems.extend(notes.into_iter().map(Note::into_problem));
        }
        self.push_located(problems, &origins.under("taxonomy_term"));
    }

    /// Reads a standalone record's JSON into its wire type, with a label for reports;
    /// the warnings of reading it are kept. A value of the wrong JSON type where the
    /// record needs it is reported and gives `None`.
    fn standalone<T: serde::de::DeserializeOwned>(
        &mut self,
        kind: &str,
        value: &serde_json::Value,
        needs: &[&str],
        origins: &Origins,
    ) -> Option<(T, String)> {
        let record = read::label(kind, value);
        match read::wire::<T>(&record, value, needs) {
            Ok((wire, warnings)) => {
                self.push_warnings(warnings, origins);
                Some((wire, record))
            }
            Err(problem) => {
                self.push_problems(vec![origins.locate(problem)]);
                None
            }
        }
    }

    /// Conflicting copies are problems; copies that differ only in what Wegwijs keeps
    /// for HSDS exports are warnings.
    fn sort_notes(&mut self, notes: Vec<Note>, problems: &mut Vec<RecordProblem>, origins: &Origins) {
        for note in notes {
            match note {
                Note::Conflict(problem) => problems.push(problem),
                Note::OtherExtras(warning) => self.warnings.push(origins.locate(warning)),
            }
        }
    }

    fn push_located(&mut self, problems: Vec<RecordProblem>, origins: &Origins) {
        let problems = problems.into_iter().map(|problem| origins.locate(problem)).collect();
        self.push_problems(problems);
    }

    fn push_warnings(&mut self, warnings: Vec<RecordProblem>, origins: &Origins) {
        self.warnings.extend(warnings.into_iter().map(|warning| origins.locate(warning)));
    }

    /// Notes something the editor should know that does not stop the import.
    pub(crate) fn warn(&mut self, warning: RecordProblem) {
        self.warnings.push(warning);
    }

    /// Adds one problem that belongs to no single record (a missing file, a reference
    /// to a row that does not exist).
    pub(crate) fn problem(&mut self, problem: RecordProblem) {
        self.push_problems(vec![problem]);
    }

    fn push_problems(&mut self, problems: Vec<RecordProblem>) {
        let room = MAX_PROBLEMS.saturating_sub(self.problems.len());
        self.more += problems.len().saturating_sub(room);
        self.problems.extend(problems.into_iter().take(room));
    }

    pub(crate) fn finish(self) -> Result<ImportBatch, ImportError> {
        let mut problems = self.problems;
        if problems.is_empty() {
            return Ok(ImportBatch {
                organisations: self.organisations.items,
                locations: self.locations.items,
                services: self.services,
                taxonomies: self.taxonomies.items,
                terms: self.terms.items,
                term_ids: self.term_ids,
                warnings: self.warnings,
            });
        }
        if self.more > 0 {
            problems.push(RecordProblem {
                place: None,
                record: format!("and {} more", self.more),
                field: String::new(),
                message: String::new(),
            });
        }
        Err(ImportError::Invalid(problems))
    }
}

/// Fields a record cannot do without: a value of the wrong JSON type in them is a
/// problem, not a warning.
const SERVICE_NEEDS: &[&str] = &["id", "name", "status", "organization", "organization_id", "service_at_locations"];
const ORGANISATION_NEEDS: &[&str] = &["id", "name", "description", "locations"];
const LOCATION_NEEDS: &[&str] = &["id", "name", "location_type", "organization_id"];
const TAXONOMY_NEEDS: &[&str] = &["id", "name"];
const TERM_NEEDS: &[&str] = &["id", "name", "taxonomy_id", "taxonomy_detail", "parent_id"];

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(field: &str) -> RecordProblem {
        RecordProblem { place: None, record: "services[0]".into(), field: field.into(), message: "bad".into() }
    }

    fn place(file: &str, line: u64) -> Place {
        Place { file: file.into(), line }
    }

    #[test]
    fn a_problem_is_placed_at_the_longest_matching_prefix_with_the_column_left() {
        let mut origins = Origins::none();
        origins.add("", place("services.csv", 12));
        origins.add("service_at_locations[0]", place("service_at_location.csv", 5));
        origins.add("service_at_locations[0].location", place("locations.csv", 3));
        let located = origins.locate(problem("service_at_locations[0].location.latitude"));
        assert_eq!(located.place, Some(place("locations.csv", 3)));
        assert_eq!(located.field, "latitude");
        let located = origins.locate(problem("name"));
        assert_eq!(located.place, Some(place("services.csv", 12)));
        assert_eq!(located.field, "name");
        // `service_at_locations[0]` must not match `service_at_locations[0]x…`.
        let located = origins.locate(problem("service_at_locations[0]x.id"));
        assert_eq!(located.place, Some(place("services.csv", 12)));
    }

    #[test]
    fn without_origins_a_problem_keeps_its_path() {
        let located = Origins::none().locate(problem("phones[0].number"));
        assert_eq!(located.place, None);
        assert_eq!(located.field, "phones[0].number");
    }
}
