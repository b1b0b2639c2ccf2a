//! The mapping of old rows onto HSDS 3.0 tables, kind by kind. Every id and every
//! reference goes through [`Ids::derive`] with the old table's name, so a phone's
//! `service_id` 12 and the service with id 12 meet again after derivation.

use super::super::tables::{Record, Tables};
use super::{Ids, Kind, hours, row_problem, words};
use crate::RecordProblem;
use crate::import::Collector;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Old table names, used as the derivation namespace of ids that point at them.
const ORGANIZATIONS: &str = "organizations";
const PROGRAMS: &str = "programs";
const SERVICES: &str = "services";
const LOCATIONS: &str = "locations";
const SERVICES_AT_LOCATION: &str = "services_at_location";
const CONTACTS: &str = "contacts";
const PHONES: &str = "phones";
const TAXONOMY: &str = "taxonomy";
const TAXONOMY_TERMS: &str = "taxonomy_terms";

/// The columns through which old rows point at their parents, and the parents' tables.
const PARENTS: [(&str, &str); 5] = [
    ("organization_id", ORGANIZATIONS),
    ("service_id", SERVICES),
    ("location_id", LOCATIONS),
    ("contact_id", CONTACTS),
    ("service_at_location_id", SERVICES_AT_LOCATION),
];

struct Mapper<'a> {
    ids: &'a Ids,
    source: &'a str,
    collector: &'a mut Collector,
    out: Tables,
    /// Vocabulary (empty for none) → taxonomy id, and an empty row at the place of the
    /// first term that named it, where problems with the taxonomy are reported.
    vocabularies: BTreeMap<String, (String, Record)>,
}

/// Maps every loaded old row to 3.0 tables.
pub(crate) fn to_v3(
    mut loaded: BTreeMap<Kind, Vec<Record>>,
    ids: &Ids,
    source: &str,
    collector: &mut Collector,
) -> Tables {
    let mut take = |kind: Kind| loaded.remove(&kind).unwrap_or_default();
    let mut mapper = Mapper { ids, source, collector, out: Tables::default(), vocabularies: BTreeMap::new() };
    mapper.terms(take(Kind::Taxonomy), TAXONOMY);
    mapper.terms(take(Kind::TaxonomyTerm), TAXONOMY_TERMS);
    mapper.taxonomies();
    mapper.records(take(Kind::Organization), "organization", ORGANIZATIONS, true);
    mapper.records(take(Kind::Program), "program", PROGRAMS, true);
    mapper.services(take(Kind::Service));
    mapper.records(take(Kind::Location), "location", LOCATIONS, true);
    mapper.records(take(Kind::ServiceAtLocation), "service_at_location", SERVICES_AT_LOCATION, false);
    mapper.records(take(Kind::Contact), "contact", CONTACTS, false);
    mapper.phones(take(Kind::Phone));
    mapper.addresses(take(Kind::PhysicalAddress), "physical_addresses", Some("physical"));
    mapper.addresses(take(Kind::PostalAddress), "postal_addresses", Some("postal"));
    mapper.addresses(take(Kind::Address), "addresses", None);
    mapper.location_types();
    mapper.weekly(take(Kind::RegularSchedule));
    mapper.holidays(take(Kind::HolidaySchedule));
    mapper.records(take(Kind::Schedule), "schedule", "schedules", false);
    mapper.records(take(Kind::Funding), "funding", "funding", false);
    mapper.append_to_services(take(Kind::Eligibility), "eligibility_description", "eligibility");
    mapper.append_to_services(take(Kind::Fee), "fees_description", "fee");
    mapper.records(take(Kind::ServiceArea), "service_area", "service_areas", false);
    mapper.records(take(Kind::RequiredDocument), "required_document", "required_documents", false);
    mapper.languages(take(Kind::Language));
    mapper.records(take(Kind::Accessibility), "accessibility", "accessibility_for_disabilities", false);
    mapper.attributes(take(Kind::ServiceTaxonomy), "services_taxonomy", TAXONOMY);
    mapper.attributes(take(Kind::ServiceAttribute), "service_attributes", TAXONOMY_TERMS);
    mapper.other_attributes(take(Kind::OtherAttribute));
    mapper.out
}

impl Mapper<'_> {
    /// Gives `record` its derived id; an old row without id gets one from its line,
    /// unless other rows must be able to point at it (`required`), which is a problem.
    fn own_id(&mut self, record: &mut Record, table: &str, namespace: &str, required: bool) -> Option<String> {
        match record.id().map(str::to_owned) {
            Some(raw) => {
                record.set("id", self.ids.derive(namespace, &raw));
                Some(raw)
            }
            None if required => {
                let message = "is missing; other rows cannot point at this row without it".to_owned();
                self.collector.problem(row_problem(record, table, "id", message));
                None
            }
            None => {
                let line = format!("line:{}:{}", record.file(), record.line);
                record.set("id", self.ids.derive(namespace, &line));
                Some(line)
            }
        }
    }

    /// Derives the id in `column`, if any.
    fn refer(&self, record: &mut Record, column: &'static str, namespace: &str) {
        if let Some(raw) = record.text(column).map(str::to_owned) {
            record.set(column, self.ids.derive(namespace, &raw));
        }
    }

    fn refer_parents(&self, record: &mut Record) {
        for (column, namespace) in PARENTS {
            self.refer(record, column, namespace);
        }
    }

    /// Rows that need only their ids derived. Services, organisations and locations
    /// also keep their old id as their source.
    fn records(&mut self, records: Vec<Record>, table: &'static str, namespace: &str, required: bool) {
        for mut record in records {
            let Some(raw) = self.own_id(&mut record, table, namespace, required) else { continue };
            if matches!(table, "organization" | "location" | "program") {
                self.refer(&mut record, "organization_id", ORGANIZATIONS);
            } else {
                self.refer_parents(&mut record);
            }
            if matches!(table, "organization" | "location") {
                self.set_source(&mut record, namespace, &raw);
            }
            self.out.push(table, record);
        }
    }

    fn set_source(&self, record: &mut Record, namespace: &str, raw: &str) {
        record.set("source_name", self.source);
        record.set("source_reference", format!("{namespace}:{}", raw.trim()));
    }

    fn services(&mut self, records: Vec<Record>) {
        for mut record in records {
            let Some(raw) = self.own_id(&mut record, "service", SERVICES, true) else { continue };
            self.refer(&mut record, "organization_id", ORGANIZATIONS);
            self.refer(&mut record, "program_id", PROGRAMS);
            self.set_source(&mut record, SERVICES, &raw);
            let service_id = record.id().unwrap_or_default().to_owned();
            if let Some(Value::String(list)) = record.remove("taxonomy_ids") {
                for term in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    let mut attribute = record.sibling();
                    attribute.set("id", self.ids.derive("services.taxonomy_ids", &format!("{raw}/{term}")));
                    attribute.set("link_id", service_id.clone());
                    attribute.set("link_entity", "service");
                    attribute.set("taxonomy_term_id", self.ids.derive(TAXONOMY, term));
                    self.out.push("attribute", attribute);
                }
            }
            if let Some(Value::String(location)) = record.remove("location_id") {
                let mut at = record.sibling();
                let key = format!("service:{}/location:{}", raw.trim(), location.trim());
                at.set("id", self.ids.derive(SERVICES_AT_LOCATION, &key));
                at.set("service_id", service_id.clone());
                at.set("location_id", self.ids.derive(LOCATIONS, &location));
                self.out.push("service_at_location", at);
            }
            self.out.push("service", record);
        }
    }

    fn phones(&mut self, records: Vec<Record>) {
        for mut record in records {
            let Some(raw) = self.own_id(&mut record, "phone", PHONES, false) else { continue };
            self.refer_parents(&mut record);
            let phone_id = record.id().unwrap_or_default().to_owned();
            if let Some(Value::String(list)) = record.remove("language") {
                let mut language = record.sibling();
                language.set("phone_id", phone_id);
                self.push_languages(language, &list, &format!("phone:{raw}"));
            }
            self.out.push("phone", record);
        }
    }

    fn languages(&mut self, records: Vec<Record>) {
        for mut record in records {
            let Some(raw) = self.own_id(&mut record, "language", "languages", false) else { continue };
            self.refer_parents(&mut record);
            match record.remove("language") {
                Some(Value::String(list)) => self.push_languages(record, &list, &raw),
                _ => {
                    let message = "is missing; give the language, e.g. tr or Turks".to_owned();
                    self.collector.problem(row_problem(&record, "language", "language", message));
                }
            }
        }
    }

    /// One language row per language in `list` ("en, es" or "Engels; Spaans").
    fn push_languages(&mut self, template: Record, list: &str, key: &str) {
        for (i, text) in list.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).enumerate() {
            let mut language = template.clone();
            language.set("id", self.ids.derive("languages", &format!("{key}/{i}")));
            let (code, name) = words::language(text);
            if let Some(code) = code {
                language.set("code", code);
            }
            if let Some(name) = name {
                language.set("name", name);
            }
            self.out.push("language", language);
        }
    }

    fn addresses(&mut self, records: Vec<Record>, namespace: &str, kind: Option<&str>) {
        for mut record in records {
            if self.own_id(&mut record, "address", namespace, false).is_none() {
                continue;
            }
            self.refer(&mut record, "location_id", LOCATIONS);
            let lines: Vec<String> = ["address_2", "address_3", "address_4"]
                .into_iter()
                .filter_map(|column| record.remove(column))
                .filter_map(|value| value.as_str().map(str::to_owned))
                .collect();
            if !lines.is_empty() {
                record.set("address_2", lines.join(", "));
            }
            match kind {
                Some(kind) => record.set("address_type", kind),
                None if record.text("address_type").is_none() => record.set("address_type", "physical"),
                None => {}
            }
            self.out.push("address", record);
        }
    }

    /// HSDS 3.0 requires a location's type, which 1.x did not have: a location with a
    /// visiting address or coordinates is physical, one with only a postal address is
    /// postal; one without either is taken as physical, a place whose address is unknown.
    fn location_types(&mut self) {
        let mut kinds: HashMap<String, HashSet<String>> = HashMap::new();
        for address in self.out.records("address") {
            if let (Some(location), Some(kind)) = (address.text("location_id"), address.text("address_type")) {
                kinds.entry(location.to_owned()).or_default().insert(kind.to_owned());
            }
        }
        let Some(locations) = self.out.records_mut("location") else { return };
        for location in locations.iter_mut().filter(|l| l.text("location_type").is_none()) {
            let found = location.id().and_then(|id| kinds.get(id));
            let postal_only = found.is_some_and(|k| !k.contains("physical") && k.contains("postal"));
            let kind = if postal_only && location.get("latitude").is_none() { "postal" } else { "physical" };
            location.set("location_type", kind);
        }
    }

    fn weekly(&mut self, records: Vec<Record>) {
        for mut record in records {
            if self.own_id(&mut record, "schedule", "regular_schedules", false).is_none() {
                continue;
            }
            self.refer_parents(&mut record);
            if hours::weekly(&mut record, self.collector) {
                self.out.push("schedule", record);
            }
        }
    }

    fn holidays(&mut self, records: Vec<Record>) {
        for mut record in records {
            let Some(raw) = self.own_id(&mut record, "holiday schedule", "holiday_schedules", false) else { continue };
            self.refer_parents(&mut record);
            for (day, mut exception) in hours::exceptions(&record, self.collector) {
                exception.set("id", self.ids.derive("holiday_schedules", &format!("{raw}/{day}")));
                self.out.push(super::super::profile_columns::OWN_TABLE.name, exception);
            }
        }
    }

    /// Old tables with one text per row for a service (eligibility, fees): the texts
    /// are added to the service's 3.0 field, one per line.
    fn append_to_services(&mut self, records: Vec<Record>, column: &'static str, what: &str) {
        let positions: HashMap<String, usize> = self
            .out
            .records("service")
            .iter()
            .enumerate()
            .filter_map(|(at, service)| service.id().map(|id| (id.to_owned(), at)))
            .collect();
        for record in records {
            let (Some(service), Some(text)) = (record.text("service_id"), record.text("text")) else { continue };
            let Some(&at) = positions.get(&self.ids.derive(SERVICES, service)) else {
                let message = format!("there is no service {service:?} in services.csv");
                self.collector.problem(row_problem(&record, what, "service_id", message));
                continue;
            };
            let services = self.out.records_mut("service").expect("positions come from this table");
            let joined = match services[at].text(column) {
                Some(before) => format!("{before}\n{text}"),
                None => text.to_owned(),
            };
            services[at].set(column, joined);
        }
    }

    /// Terms of 1.x `taxonomy.csv` and 2.0 `taxonomy_terms.csv`; each term's taxonomy
    /// is made from its vocabulary text.
    fn terms(&mut self, records: Vec<Record>, namespace: &str) {
        for mut record in records {
            let Some(raw) = self.own_id(&mut record, "taxonomy term", namespace, true) else { continue };
            self.refer(&mut record, "parent_id", namespace);
            record.remove("parent_name");
            if record.text("code").is_none() {
                record.set("code", raw.trim());
            }
            let vocabulary = match record.remove("vocabulary") {
                Some(Value::String(text)) => text,
                _ => String::new(),
            };
            let taxonomy_id = match self.vocabularies.get(&vocabulary) {
                Some((id, _)) => id.clone(),
                None => {
                    let id = self.ids.derive("taxonomies", &format!("vocabulary:{vocabulary}"));
                    self.vocabularies.insert(vocabulary, (id.clone(), record.sibling()));
                    id
                }
            };
            record.set("taxonomy_id", taxonomy_id);
            self.out.push("taxonomy_term", record);
        }
    }

    fn taxonomies(&mut self) {
        for (vocabulary, (id, place)) in std::mem::take(&mut self.vocabularies) {
            let mut taxonomy = place;
            taxonomy.set("id", id);
            let name = if vocabulary.is_empty() { format!("Taxonomie van {}", self.source) } else { vocabulary };
            taxonomy.set("name", name);
            self.out.push("taxonomy", taxonomy);
        }
    }

    /// 1.x `services_taxonomy.csv` and 2.0 `service_attributes.csv`: a service's terms.
    fn attributes(&mut self, records: Vec<Record>, namespace: &str, terms: &str) {
        for mut record in records {
            if self.own_id(&mut record, "attribute", namespace, false).is_none() {
                continue;
            }
            let term = record.remove("taxonomy_id").or_else(|| record.remove("taxonomy_term_id"));
            let (Some(service), Some(Value::String(term))) = (record.remove("service_id"), term) else {
                let message = "a service and a taxonomy term are both needed".to_owned();
                self.collector.problem(row_problem(&record, "attribute", "", message));
                continue;
            };
            record.set("link_id", self.ids.derive(SERVICES, service.as_str().unwrap_or_default()));
            record.set("link_entity", "service");
            record.set("taxonomy_term_id", self.ids.derive(terms, &term));
            self.out.push("attribute", record);
        }
    }

    /// 2.0 `other_attributes.csv`: terms of organisations, locations and others, whose
    /// `link_type` names the table.
    fn other_attributes(&mut self, records: Vec<Record>) {
        for mut record in records {
            if self.own_id(&mut record, "attribute", "other_attributes", false).is_none() {
                continue;
            }
            let table = match record.remove("link_type") {
                Some(Value::String(table)) => table.trim().to_ascii_lowercase(),
                _ => String::new(),
            };
            let namespace = match table.as_str() {
                "organization" => ORGANIZATIONS,
                "program" => PROGRAMS,
                "service" => SERVICES,
                "location" => LOCATIONS,
                "service_at_location" => SERVICES_AT_LOCATION,
                "contact" => CONTACTS,
                "phone" => PHONES,
                _ => {
                    self.collector.problem(RecordProblem {
                        place: Some(record.place()),
                        record: record.label("attribute"),
                        field: "link_type".to_owned(),
                        message: format!("{table:?} is not a table Wegwijs can link a term to"),
                    });
                    continue;
                }
            };
            self.refer(&mut record, "link_id", namespace);
            self.refer(&mut record, "taxonomy_term_id", TAXONOMY_TERMS);
            record.set("link_entity", table);
            self.out.push("attribute", record);
        }
    }
}
