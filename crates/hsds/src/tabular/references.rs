//! Checks that every id a row names exists, before anything is nested: a phone of a
//! service that is not in `services.csv` would otherwise vanish without a word.
//!
//! How strict depends on what the reference means. A service without its organisation,
//! or a service at a location that does not exist, cannot be nested: a problem. A row
//! that belongs to several parents at once (a phone of a service and of its location)
//! is a problem only when none of them exists; a missing one next to one that exists
//! is a warning. A term's taxonomy and a location's organisation may be records
//! Wegwijs already has, so a missing one is a warning (the store checks it). An
//! attribute links by a free `link_id`, which publishers fill loosely (the official
//! example links its attribute to nothing), so an attribute that links to nothing is
//! a warning and is left out; its term is still read from `taxonomy_terms.csv`.

use super::index::Index;
use super::nesting::{children, entity_fits, singles};
use super::tables::Tables;
use crate::RecordProblem;
use crate::import::Collector;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Must exist in the package.
    Required,
    /// May be a record Wegwijs already has: a warning when the package has the table
    /// but not the row.
    Optional,
    /// One of the row's parents must exist; other missing ones are warnings.
    Parent,
    /// Wegwijs keeps the value but does not use it: a warning.
    Loose,
}

fn rule(table: &str, column: &str) -> Option<Rule> {
    Some(match (table, column) {
        ("service", "organization_id") | ("service_at_location", "service_id" | "location_id") => Rule::Required,
        ("location", "organization_id") | ("taxonomy_term", "taxonomy_id" | "parent_id") => Rule::Optional,
        ("service", "program_id") | ("organization", "parent_organization_id") | ("metadata", "resource_id") => {
            Rule::Loose
        }
        // Terms may be Wegwijs's own; the store rejects unknown ones with their id.
        ("attribute", "taxonomy_term_id") => return None,
        _ => Rule::Parent,
    })
}

/// The references of one table: column → (rule, tables it may point at).
fn references(table: &str) -> BTreeMap<&'static str, (Rule, Vec<&'static str>)> {
    let mut found: BTreeMap<&'static str, (Rule, Vec<&'static str>)> = BTreeMap::new();
    let mut add = |column: &'static str, target: &'static str| {
        if let Some(rule) = rule(table, column) {
            let entry = found.entry(column).or_insert((rule, Vec::new()));
            if !entry.1.contains(&target) {
                entry.1.push(target);
            }
        }
    };
    for parent in super::catalogue::tables() {
        for child in children(parent.name).iter().filter(|c| c.table == table) {
            add(child.column, parent.name);
        }
    }
    for single in singles(table) {
        add(single.column, single.table);
    }
    match table {
        "taxonomy_term" => add("parent_id", "taxonomy_term"),
        "organization" => add("parent_organization_id", "organization"),
        _ => {}
    }
    found
}

/// Reports every reference that does not resolve; returns the rows that cannot be
/// nested because of it, as (table, row index).
pub(crate) fn check(tables: &Tables, index: &Index<'_>, collector: &mut Collector) -> HashSet<(&'static str, usize)> {
    let mut broken = HashSet::new();
    for table in tables.names() {
        let references = references(table);
        if references.is_empty() {
            continue;
        }
        for (row, record) in tables.records(table).iter().enumerate() {
            let mut parents = (0, 0);
            let mut dangling = Vec::new();
            for (&column, (rule, targets)) in &references {
                let Some(value) = record.text(column) else { continue };
                let entity = entity_column(table).and_then(|c| record.text(c));
                let targets: Vec<&str> = targets.iter().copied().filter(|t| entity_fits(entity, t)).collect();
                let exists = targets.iter().any(|target| index.row(target, value).is_some());
                let shipped = targets.iter().any(|target| tables.get(target).is_some());
                let message = || missing(tables, column, value, &targets);
                match rule {
                    Rule::Required if !exists => {
                        let message = if column == "organization_id" {
                            format!("missing referenced organisation: {}", message())
                        } else {
                            message()
                        };
                        collector.problem(problem(record, table, column, message));
                        broken.insert((table, row));
                    }
                    Rule::Optional if shipped && !exists => {
                        let message = format!("{}; unless Wegwijs already has it, storing will fail", message());
                        collector.warn(problem(record, table, column, message));
                    }
                    Rule::Loose if shipped && !exists => {
                        collector.warn(problem(record, table, column, format!("{}; kept as it is", message())))
                    }
                    Rule::Parent => {
                        parents.0 += 1;
                        if exists {
                            parents.1 += 1;
                        } else {
                            dangling.push((column, message()));
                        }
                    }
                    _ => {}
                }
            }
            let parent_columns: Vec<&str> =
                references.iter().filter(|(_, (rule, _))| *rule == Rule::Parent).map(|(c, _)| *c).collect();
            match parents {
                _ if parent_columns.is_empty() => {}
                (0, _) => {
                    collector.problem(problem(
                        record,
                        table,
                        "",
                        format!("this row belongs to nothing; fill in {}", parent_columns.join(" or ")),
                    ));
                    broken.insert((table, row));
                }
                (_, 0) if table == "attribute" => {
                    for (column, message) in dangling {
                        let message = format!("{message}; the attribute links to nothing and was left out");
                        collector.warn(problem(record, table, column, message));
                    }
                    broken.insert((table, row));
                }
                (_, 0) => {
                    for (column, message) in dangling {
                        collector.problem(problem(record, table, column, message));
                    }
                    broken.insert((table, row));
                }
                _ => {
                    for (column, message) in dangling {
                        let message = format!("{message}; the row is kept for the parents that exist");
                        collector.warn(problem(record, table, column, message));
                    }
                }
            }
        }
    }
    broken
}

/// The column in which rows of `table` name the table of the row they point at.
fn entity_column(table: &str) -> Option<&'static str> {
    match table {
        "attribute" => Some("link_entity"),
        "metadata" => Some("resource_type"),
        _ => None,
    }
}

fn missing(tables: &Tables, column: &str, value: &str, targets: &[&str]) -> String {
    let nouns: Vec<String> = targets.iter().map(|t| noun(t)).collect();
    let files: Vec<String> = targets
        .iter()
        .map(|t| {
            let fallback = super::catalogue::table(t).map_or(*t, |def| def.file);
            tables.files_of(t, fallback)
        })
        .collect();
    match targets {
        [_] => format!("there is no {} {value:?} in {}", nouns[0], files[0]),
        [_, _, _] | [_, _] => format!("{column} {value:?} is no {} in this package", nouns.join(", no ")),
        _ => format!("there is no row with id {value:?} in this package"),
    }
}

/// "organisation", "service at location": the table as a word.
fn noun(table: &str) -> String {
    match table {
        "organization" => "organisation".to_owned(),
        other => other.replace('_', " "),
    }
}

fn problem(record: &super::tables::Record, table: &str, column: &str, message: String) -> RecordProblem {
    RecordProblem { place: Some(record.place()), record: record.label(table), field: column.to_owned(), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_services_organisation_is_required_and_its_program_is_loose() {
        let service = references("service");
        assert_eq!(service["organization_id"], (Rule::Required, vec!["organization"]));
        assert_eq!(service["program_id"].0, Rule::Loose);
    }

    #[test]
    fn a_phone_may_belong_to_any_of_five_parents() {
        let phone = references("phone");
        let columns: Vec<&str> = phone.keys().copied().collect();
        assert_eq!(columns, ["contact_id", "location_id", "organization_id", "service_at_location_id", "service_id"]);
        assert!(phone.values().all(|(rule, _)| *rule == Rule::Parent));
    }

    #[test]
    fn an_attribute_may_point_at_any_table_with_attributes() {
        let attribute = references("attribute");
        let (rule, targets) = &attribute["link_id"];
        assert_eq!(*rule, Rule::Parent);
        assert!(targets.contains(&"service") && targets.contains(&"location") && targets.contains(&"phone"));
        assert!(!attribute.contains_key("taxonomy_term_id"));
    }
}
