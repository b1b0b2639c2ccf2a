//! The Dutch profile in CSV form. In JSON the profile adds plain properties, some of
//! them objects (`referral`, `source`, `opening_hours`); a CSV cell holds one value, so
//! each object field gets a column named by its path with underscores
//! (`referral.route` → `referral_route`), lists of codes are one comma-separated cell,
//! and the list of dated opening-hour exceptions is a table of its own,
//! `opening_hours_exceptions.csv`. Import and export both use this one list.

use super::value::FieldType;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One profile column of an HSDS table.
#[derive(Debug)]
pub(crate) struct ProfileColumn {
    /// Resource name of the table (`service`).
    pub(crate) table: &'static str,
    /// Column name in the CSV file.
    pub(crate) column: &'static str,
    /// Path of the value inside the JSON object.
    pub(crate) path: &'static [&'static str],
    pub(crate) ty: FieldType,
    /// A list of codes, one comma-separated cell.
    pub(crate) list: bool,
    pub(crate) required: bool,
    /// For the written `datapackage.json`.
    pub(crate) description: &'static str,
}

const fn column(
    table: &'static str,
    column: &'static str,
    path: &'static [&'static str],
    ty: FieldType,
    description: &'static str,
) -> ProfileColumn {
    ProfileColumn { table, column, path, ty, list: false, required: false, description }
}

const CREATED: &str = "Dutch profile: when the record was first created in the publishing sociale kaart (RFC 3339).";
const UPDATED: &str = "Dutch profile: when the record last changed (RFC 3339).";
const VERIFIED_AT: &str = "Dutch profile: when someone last confirmed that the record is correct (RFC 3339).";
const VERIFIED_BY: &str = "Dutch profile: who confirmed it: provider, editor or import.";
const SOURCE_NAME: &str = "Dutch profile (source.name): the sociale kaart, feed or file the record came from.";
const SOURCE_REFERENCE: &str = "Dutch profile (source.reference): the record's key in that source, e.g. services:1234.";
const HOLIDAYS: &str = "Dutch profile (opening_hours.closed_on_public_holidays): closed on Dutch public holidays.";
const HOURS_NOTES: &str = "Dutch profile (opening_hours.notes): anything else about opening hours.";

/// Bookkeeping columns that organisations and locations share.
macro_rules! record_columns {
    ($table:literal) => {
        [
            column($table, "created", &["created"], FieldType::DateTime, CREATED),
            column($table, "updated", &["updated"], FieldType::DateTime, UPDATED),
            column($table, "verified_at", &["verified_at"], FieldType::DateTime, VERIFIED_AT),
            column($table, "verified_by", &["verified_by"], FieldType::Text, VERIFIED_BY),
            column($table, "source_name", &["source", "name"], FieldType::Text, SOURCE_NAME),
            column($table, "source_reference", &["source", "reference"], FieldType::Text, SOURCE_REFERENCE),
        ]
    };
}

const SERVICE: [ProfileColumn; 13] = [
    column(
        "service",
        "summary",
        &["summary"],
        FieldType::Text,
        "Dutch profile: one sentence in plain Dutch (B1) saying what the service does.",
    ),
    column(
        "service",
        "referral_required",
        &["referral", "required"],
        FieldType::Boolean,
        "Dutch profile (referral.required): a referral is needed.",
    ),
    column(
        "service",
        "referral_route",
        &["referral", "route"],
        FieldType::Text,
        "Dutch profile (referral.route): who refers: none, huisarts, wijkteam or gemeente.",
    ),
    column(
        "service",
        "referral_how",
        &["referral", "how"],
        FieldType::Text,
        "Dutch profile (referral.how): how to get the referral.",
    ),
    ProfileColumn {
        list: true,
        ..column(
            "service",
            "eligibility_target_groups",
            &["eligibility", "target_groups"],
            FieldType::Text,
            "Dutch profile (eligibility.target_groups): target group codes, separated by commas.",
        )
    },
    column("service", "created", &["created"], FieldType::DateTime, CREATED),
    column("service", "verified_at", &["verified_at"], FieldType::DateTime, VERIFIED_AT),
    column("service", "verified_by", &["verified_by"], FieldType::Text, VERIFIED_BY),
    column("service", "source_name", &["source", "name"], FieldType::Text, SOURCE_NAME),
    column("service", "source_reference", &["source", "reference"], FieldType::Text, SOURCE_REFERENCE),
    column(
        "service",
        "opening_hours_closed_on_public_holidays",
        &["opening_hours", "closed_on_public_holidays"],
        FieldType::Boolean,
        HOLIDAYS,
    ),
    column("service", "opening_hours_notes", &["opening_hours", "notes"], FieldType::Text, HOURS_NOTES),
    column(
        "service",
        PROFESSIONAL_NOTES,
        &[PROFESSIONAL_NOTES],
        FieldType::Text,
        "Dutch profile: information for professionals only; never in a public export.",
    ),
];

/// The column only a professional export may fill.
pub(crate) const PROFESSIONAL_NOTES: &str = "professional_notes";

const ORGANIZATION: [ProfileColumn; 6] = record_columns!("organization");

const LOCATION_RECORD: [ProfileColumn; 6] = record_columns!("location");

const LOCATION_HOURS: [ProfileColumn; 2] = [
    column(
        "location",
        "opening_hours_closed_on_public_holidays",
        &["opening_hours", "closed_on_public_holidays"],
        FieldType::Boolean,
        HOLIDAYS,
    ),
    column("location", "opening_hours_notes", &["opening_hours", "notes"], FieldType::Text, HOURS_NOTES),
];

const SERVICE_AT_LOCATION: [ProfileColumn; 2] = [
    column(
        "service_at_location",
        "opening_hours_closed_on_public_holidays",
        &["opening_hours", "closed_on_public_holidays"],
        FieldType::Boolean,
        HOLIDAYS,
    ),
    column("service_at_location", "opening_hours_notes", &["opening_hours", "notes"], FieldType::Text, HOURS_NOTES),
];

const FUNDING: [ProfileColumn; 1] = [column(
    "funding",
    "scheme",
    &["scheme"],
    FieldType::Text,
    "Dutch profile: the Dutch scheme that pays: wmo, jeugdwet, zvw, wlz, participatiewet, gratis or eigen_betaling.",
)];

const TERM: [ProfileColumn; 2] = [
    column(
        "taxonomy_term",
        "lay_name",
        &["lay_name"],
        FieldType::Text,
        "Dutch profile: the words a resident would use for the term, e.g. Hulp bij geldzaken.",
    ),
    ProfileColumn {
        list: true,
        ..column(
            "taxonomy_term",
            "synonyms",
            &["synonyms"],
            FieldType::Text,
            "Dutch profile: other words for the same thing, for search, separated by commas.",
        )
    },
];

/// The profile's own table: one row per dated opening-hour exception of a service, a
/// location or a service at a location (`opening_hours.exceptions` in JSON).
pub(crate) struct OwnTable {
    pub(crate) name: &'static str,
    pub(crate) file: &'static str,
    /// The columns that name the owner, and the owner's table.
    pub(crate) owners: [(&'static str, &'static str); 3],
}

pub(crate) const OWN_TABLE: OwnTable = OwnTable {
    name: "opening_hours_exception",
    file: "opening_hours_exceptions.csv",
    owners: [("service_id", "service"), ("location_id", "location"), ("service_at_location_id", "service_at_location")],
};

impl OwnTable {
    /// Frictionless `foreignKeys` of the table.
    pub(crate) fn foreign_keys(&self) -> Vec<Value> {
        self.owners
            .iter()
            .map(|(column, table)| json!({"fields": column, "reference": {"resource": table, "fields": "id"}}))
            .collect()
    }
}

const EXCEPTION: [ProfileColumn; 9] = [
    ProfileColumn {
        required: true,
        ..column(
            "opening_hours_exception",
            "id",
            &["id"],
            FieldType::Text,
            "Identifier of the exception (derived from its owner and date).",
        )
    },
    column(
        "opening_hours_exception",
        "service_id",
        &["service_id"],
        FieldType::Text,
        "The service whose opening hours this exception belongs to.",
    ),
    column(
        "opening_hours_exception",
        "location_id",
        &["location_id"],
        FieldType::Text,
        "The location whose opening hours this exception belongs to.",
    ),
    column(
        "opening_hours_exception",
        "service_at_location_id",
        &["service_at_location_id"],
        FieldType::Text,
        "The service at a location whose opening hours this exception belongs to.",
    ),
    ProfileColumn {
        required: true,
        ..column("opening_hours_exception", "date", &["date"], FieldType::Date, "The day of the exception.")
    },
    ProfileColumn {
        required: true,
        ..column(
            "opening_hours_exception",
            "closed",
            &["closed"],
            FieldType::Boolean,
            "Closed all day; otherwise open from opens to closes.",
        )
    },
    column("opening_hours_exception", "opens", &["opens"], FieldType::Time, "Opening time that day (local time)."),
    column("opening_hours_exception", "closes", &["closes"], FieldType::Time, "Closing time that day (local time)."),
    column("opening_hours_exception", "reason", &["reason"], FieldType::Text, "Why, e.g. Kerst."),
];

/// The exception columns that are no part of the JSON exception object: its id and
/// its owner, which the nesting expresses.
pub(crate) fn is_exception_key(column: &str) -> bool {
    column == "id" || OWN_TABLE.owners.iter().any(|(owner, _)| *owner == column)
}

/// The profile columns of `table`, in export order.
pub(crate) fn for_table(table: &str) -> impl Iterator<Item = &'static ProfileColumn> {
    let lists: [&'static [ProfileColumn]; 8] =
        [&SERVICE, &ORGANIZATION, &LOCATION_RECORD, &LOCATION_HOURS, &SERVICE_AT_LOCATION, &FUNDING, &TERM, &EXCEPTION];
    lists.into_iter().flatten().filter(move |c| c.table == table)
}

/// The profile column `column` of `table`, looked up once per process.
pub(crate) fn column_of(table: &str, column: &str) -> Option<&'static ProfileColumn> {
    static ALL: OnceLock<HashMap<(&'static str, &'static str), &'static ProfileColumn>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        [
            &SERVICE[..],
            &ORGANIZATION,
            &LOCATION_RECORD,
            &LOCATION_HOURS,
            &SERVICE_AT_LOCATION,
            &FUNDING,
            &TERM,
            &EXCEPTION,
        ]
        .into_iter()
        .flatten()
        .map(|c| ((c.table, c.column), c))
        .collect()
    });
    all.get(&(table, column)).copied()
}

/// The CSV column of a problem's field inside a record of `table` (`referral.route` →
/// `referral_route`, `eligibility.target_groups[2]` → `eligibility_target_groups`);
/// other fields are their own column.
pub(crate) fn column_of_field(table: &str, field: &str) -> Option<&'static str> {
    for_table(table).filter(|c| c.path.len() > 1 || c.list).find_map(|c| {
        let path = c.path.join(".");
        let rest = field.strip_prefix(&path)?;
        (rest.is_empty() || rest.starts_with('[') || rest.starts_with('.')).then_some(c.column)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_path_exists_in_the_published_profile_schemas() {
        for (table, schema) in [
            ("service", "service.json"),
            ("organization", "organization.json"),
            ("location", "location.json"),
            ("service_at_location", "service_at_location.json"),
            ("funding", "funding.json"),
        ] {
            let schema = crate::profile::schema(schema).unwrap();
            for column in for_table(table) {
                let top = &schema["properties"][column.path[0]];
                assert!(top.is_object(), "{table}.{}", column.column);
                if let [_, inner] = column.path {
                    let inner_schema = match top.get("$ref") {
                        Some(_) => crate::profile::schema("opening_hours.json").unwrap(),
                        None => top.clone(),
                    };
                    assert!(inner_schema["properties"][*inner].is_object(), "{table}.{}", column.column);
                }
            }
        }
        let exception = &crate::profile::schema("opening_hours.json").unwrap()["properties"]["exceptions"]["items"];
        for column in for_table(OWN_TABLE.name).filter(|c| !is_exception_key(c.column)) {
            assert!(exception["properties"][column.path[0]].is_object(), "{}", column.column);
        }
    }

    #[test]
    fn column_names_have_no_dots_and_are_unique_per_table() {
        for table in ["service", "organization", "location", "service_at_location", "funding", OWN_TABLE.name] {
            let names: Vec<&str> = for_table(table).map(|c| c.column).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(names.len(), unique.len(), "{table}");
            assert!(names.iter().all(|n| !n.contains('.')));
        }
    }

    #[test]
    fn problem_fields_are_named_by_their_column() {
        assert_eq!(column_of_field("service", "referral.route"), Some("referral_route"));
        assert_eq!(column_of_field("service", "eligibility.target_groups[2]"), Some("eligibility_target_groups"));
        assert_eq!(column_of_field("location", "source.name"), Some("source_name"));
        assert_eq!(column_of_field("service", "name"), None);
        assert_eq!(column_of_field("service", "referral.routes"), None);
    }
}
