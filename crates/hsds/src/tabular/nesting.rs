//! How the flat tables nest into HSDS 3.0 JSON objects, and back: a phone row with a
//! `service_id` is an element of that service's `phones`, a service's
//! `organization_id` names the `organization` object nested in it. Import assembles
//! along these lines and export flattens along the same ones, so they cannot drift.

use super::profile_columns::OWN_TABLE;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A list of rows nested in a parent: rows of `table` whose `column` holds the parent's
/// id are the parent's `path` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Child {
    pub(crate) table: &'static str,
    pub(crate) column: &'static str,
    /// Where the list sits in the parent's JSON (`["phones"]`,
    /// `["opening_hours", "exceptions"]`).
    pub(crate) path: &'static [&'static str],
    /// Whether import nests it. An organisation's `locations` are exported when a
    /// feed nests them, but import gives locations on their own instead of copying
    /// every location into every service's organisation.
    pub(crate) on_import: bool,
    /// Rows of tables that point at any table (attributes, metadata) name the table
    /// in this column; rows that name another table are not this parent's.
    pub(crate) entity_column: Option<&'static str>,
}

/// One row nested as an object: the parent's `column` names a row of `table`, which
/// becomes the parent's `field`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Single {
    pub(crate) column: &'static str,
    pub(crate) table: &'static str,
    pub(crate) field: &'static str,
}

const fn list(table: &'static str, column: &'static str, path: &'static [&'static str]) -> Child {
    Child { table, column, path, on_import: true, entity_column: None }
}

const SERVICE: [Child; 9] = [
    list("phone", "service_id", &["phones"]),
    list("schedule", "service_id", &["schedules"]),
    list("service_area", "service_id", &["service_areas"]),
    list("service_at_location", "service_id", &["service_at_locations"]),
    list("language", "service_id", &["languages"]),
    list("funding", "service_id", &["funding"]),
    list("cost_option", "service_id", &["cost_options"]),
    list("required_document", "service_id", &["required_documents"]),
    list("contact", "service_id", &["contacts"]),
];

const SERVICE_AT_LOCATION: [Child; 3] = [
    list("contact", "service_at_location_id", &["contacts"]),
    list("phone", "service_at_location_id", &["phones"]),
    list("schedule", "service_at_location_id", &["schedules"]),
];

const LOCATION: [Child; 6] = [
    list("language", "location_id", &["languages"]),
    list("address", "location_id", &["addresses"]),
    list("contact", "location_id", &["contacts"]),
    list("accessibility", "location_id", &["accessibility"]),
    list("phone", "location_id", &["phones"]),
    list("schedule", "location_id", &["schedules"]),
];

const ORGANIZATION: [Child; 6] = [
    list("funding", "organization_id", &["funding"]),
    list("contact", "organization_id", &["contacts"]),
    list("phone", "organization_id", &["phones"]),
    Child { on_import: false, ..list("location", "organization_id", &["locations"]) },
    list("program", "organization_id", &["programs"]),
    list("organization_identifier", "organization_id", &["organization_identifiers"]),
];

const CONTACT: [Child; 1] = [list("phone", "contact_id", &["phones"])];

const PHONE: [Child; 1] = [list("language", "phone_id", &["languages"])];

const ATTRIBUTES: Child = Child { entity_column: Some("link_entity"), ..list("attribute", "link_id", &["attributes"]) };

const METADATA: Child =
    Child { entity_column: Some("resource_type"), ..list("metadata", "resource_id", &["metadata"]) };

/// Tables whose HSDS objects have no `attributes` (the profile's exceptions have none
/// either).
const WITHOUT_ATTRIBUTES: [&str; 5] = ["attribute", "taxonomy", "taxonomy_term", "metadata", OWN_TABLE.name];

/// The lists nested in a row of `table`, in the order HSDS lists them.
pub(crate) fn children(table: &str) -> &'static [Child] {
    static CHILDREN: OnceLock<HashMap<&'static str, Vec<Child>>> = OnceLock::new();
    let all = CHILDREN.get_or_init(|| super::catalogue::tables().iter().map(|t| (t.name, lists_of(t.name))).collect());
    all.get(table).map_or(&[], Vec::as_slice)
}

fn lists_of(table: &str) -> Vec<Child> {
    let own: &[Child] = match table {
        "service" => &SERVICE,
        "service_at_location" => &SERVICE_AT_LOCATION,
        "location" => &LOCATION,
        "organization" => &ORGANIZATION,
        "contact" => &CONTACT,
        "phone" => &PHONE,
        _ => &[],
    };
    let mut all = own.to_vec();
    if let Some((column, _)) = OWN_TABLE.owners.iter().find(|(_, owner)| *owner == table) {
        all.push(list(OWN_TABLE.name, column, &["opening_hours", "exceptions"]));
    }
    if !WITHOUT_ATTRIBUTES.contains(&table) {
        all.push(ATTRIBUTES);
    }
    if table != "metadata" && table != OWN_TABLE.name {
        all.push(METADATA);
    }
    all
}

/// The objects nested in a row of `table`.
pub(crate) fn singles(table: &str) -> &'static [Single] {
    match table {
        "service" => &[
            Single { column: "organization_id", table: "organization", field: "organization" },
            Single { column: "program_id", table: "program", field: "program" },
        ],
        "service_at_location" => &[Single { column: "location_id", table: "location", field: "location" }],
        "attribute" => &[Single { column: "taxonomy_term_id", table: "taxonomy_term", field: "taxonomy_term" }],
        "taxonomy_term" => &[Single { column: "taxonomy_id", table: "taxonomy", field: "taxonomy_detail" }],
        _ => &[],
    }
}

/// The columns of `table` that name the parent a row is nested in. A nested object
/// leaves them out, as the official nested examples do: where it sits says it.
pub(crate) fn nesting_columns(table: &str) -> &'static [&'static str] {
    static COLUMNS: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    let all = COLUMNS.get_or_init(|| {
        let mut all: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        for parent in super::catalogue::tables() {
            for child in children(parent.name).iter().filter(|c| c.on_import) {
                let columns = all.entry(child.table).or_default();
                if !columns.contains(&child.column) {
                    columns.push(child.column);
                }
            }
        }
        all
    });
    all.get(table).map_or(&[], Vec::as_slice)
}

/// Whether a row whose entity column says `entity` may belong to a parent of `table`:
/// yes when it names that table, names nothing, or names no table HSDS has (the
/// official example writes the placeholder `link_entity`).
pub(crate) fn entity_fits(entity: Option<&str>, table: &str) -> bool {
    match entity.map(str::trim).filter(|e| !e.is_empty()) {
        None => true,
        Some(entity) => {
            entity.eq_ignore_ascii_case(table) || super::catalogue::table(&entity.to_ascii_lowercase()).is_none()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_nested_table_and_column_exists_in_the_catalogue() {
        for parent in super::super::catalogue::tables() {
            for child in children(parent.name) {
                let table = super::super::catalogue::table(child.table).unwrap();
                assert!(table.column(child.column).is_some(), "{}.{}", child.table, child.column);
            }
            for single in singles(parent.name) {
                assert!(parent.column(single.column).is_some(), "{}.{}", parent.name, single.column);
                assert!(super::super::catalogue::table(single.table).is_some());
            }
        }
    }

    #[test]
    fn a_nested_row_leaves_out_the_columns_that_name_its_parents_but_a_location_keeps_its_organisation() {
        let phone = nesting_columns("phone");
        for column in ["service_id", "location_id", "organization_id", "contact_id", "service_at_location_id"] {
            assert!(phone.contains(&column), "{column}");
        }
        assert!(nesting_columns("location").is_empty());
        assert_eq!(nesting_columns("attribute"), ["link_id"]);
    }

    #[test]
    fn attributes_and_metadata_name_their_table_or_nothing() {
        assert!(entity_fits(Some("service"), "service"));
        assert!(entity_fits(None, "location"));
        assert!(entity_fits(Some("link_entity"), "service"));
        assert!(!entity_fits(Some("location"), "service"));
    }

    #[test]
    fn exceptions_nest_in_services_locations_and_services_at_locations() {
        for table in ["service", "location", "service_at_location"] {
            assert!(children(table).iter().any(|c| c.path == ["opening_hours", "exceptions"]), "{table}");
        }
        assert!(!children("phone").iter().any(|c| c.table == OWN_TABLE.name));
    }
}
