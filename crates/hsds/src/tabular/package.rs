//! What a package says about itself in `datapackage.json`: which file holds which
//! table, and how each column's values are written. Publishers get this file wrong in
//! every way (missing, a copy of the official one that lists tables they do not ship,
//! a link that was lost when zipping), so everything here is a hint: the file names
//! and the official HSDS description fill the gaps, with a warning.

use super::value::{FieldType, Hints};
use crate::{Place, RecordProblem};
use serde_json::Value;
use std::collections::HashMap;

/// The description file's name.
pub(crate) const DESCRIPTION: &str = "datapackage.json";

/// Which HSDS version's tables the package holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// HSDS 3.0: `addresses.csv`, `schedules.csv`, `attributes.csv`, ….
    V3,
    /// HSDS 1.x or 2.x: `physical_addresses.csv`, `regular_schedules.csv`, ….
    Legacy,
}

/// File names only HSDS 1.x/2.x packages have.
const LEGACY_FILES: [&str; 22] = [
    "physical_addresses.csv",
    "physical_address.csv",
    "postal_addresses.csv",
    "postal_address.csv",
    "regular_schedules.csv",
    "regular_schedule.csv",
    "holiday_schedules.csv",
    "holiday_schedule.csv",
    "services_taxonomy.csv",
    "service_taxonomy.csv",
    "taxonomy.csv",
    "eligibility.csv",
    "payment_accepted.csv",
    "payments_accepted.csv",
    "accessibility_for_disabilities.csv",
    "service_area.csv",
    "program.csv",
    "services_at_location.csv",
    "service_attributes.csv",
    "other_attributes.csv",
    "fees.csv",
    "interpretation_services.csv",
];

/// One described resource.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resource {
    pub(crate) name: Option<String>,
    /// Path relative to the package folder.
    pub(crate) path: String,
    /// Column (lower case) → declared type (if Wegwijs reads it as anything but text)
    /// and parse hints.
    pub(crate) fields: HashMap<String, (Option<FieldType>, Hints)>,
}

/// The parsed `datapackage.json`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Description {
    pub(crate) resources: Vec<Resource>,
    /// The `version` the package declares (HSDS packages give the HSDS version).
    pub(crate) version: Option<String>,
}

impl Description {
    /// Parses `bytes`; a file that is no package description gives a warning and
    /// `None`, so the tables are found by their file names instead.
    pub(crate) fn parse(bytes: &[u8], warnings: &mut Vec<RecordProblem>) -> Option<Self> {
        let warn = |message: String| RecordProblem {
            place: Some(Place { file: DESCRIPTION.to_owned(), line: 1 }),
            record: DESCRIPTION.to_owned(),
            field: String::new(),
            message,
        };
        let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
        let value: Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(error) => {
                let trimmed = text.trim();
                let message = if trimmed.len() < 200 && !trimmed.contains('\n') && trimmed.ends_with(".json") {
                    format!(
                        "the file holds only the text {trimmed:?}: it was a link to another file, lost when the \
                         package was copied; the tables were recognised by their file names"
                    )
                } else {
                    format!("the file is not JSON ({error}); the tables were recognised by their file names")
                };
                warnings.push(warn(message));
                return None;
            }
        };
        let Some(list) = value.get("resources").and_then(Value::as_array) else {
            warnings
                .push(warn("the file lists no resources; the tables were recognised by their file names".to_owned()));
            return None;
        };
        let mut resources = Vec::new();
        for (index, resource) in list.iter().enumerate() {
            match resource.get("path") {
                Some(Value::String(path)) => resources.push(Resource {
                    name: resource.get("name").and_then(Value::as_str).map(str::to_owned),
                    path: path.trim_start_matches("./").to_owned(),
                    fields: fields(resource),
                }),
                _ => warnings.push(warn(format!(
                    "resources[{index}] has no single file path (a web address or a list of files); Wegwijs reads \
                     only files inside the package, so it was skipped"
                ))),
            }
        }
        let version = value.get("version").and_then(Value::as_str).map(str::to_owned);
        Some(Self { resources, version })
    }
}

fn fields(resource: &Value) -> HashMap<String, (Option<FieldType>, Hints)> {
    let Some(fields) = resource.pointer("/schema/fields").and_then(Value::as_array) else { return HashMap::new() };
    let words = |field: &Value, key: &str| -> Vec<String> {
        field
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    };
    fields
        .iter()
        .filter_map(|field| {
            let name = field.get("name")?.as_str()?.trim().to_ascii_lowercase();
            let ty = field.get("type").and_then(Value::as_str).and_then(FieldType::from_frictionless);
            let hints = Hints {
                format: field.get("format").and_then(Value::as_str).filter(|f| f.contains('%')).map(str::to_owned),
                true_values: words(field, "trueValues"),
                false_values: words(field, "falseValues"),
            };
            Some((name, (ty, hints)))
        })
        .collect()
}

/// The layout of a package with these `files` (and description, if any).
pub(crate) fn layout(files: &[String], description: Option<&Description>) -> Layout {
    let legacy_file = |name: &str| {
        let base = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
        LEGACY_FILES.contains(&base.as_str())
    };
    let described = description.into_iter().flat_map(|d| d.resources.iter()).map(|r| r.path.as_str());
    let present: Vec<&str> = files.iter().map(String::as_str).chain(described).collect();
    let old_version = description
        .and_then(|d| d.version.as_deref())
        .is_some_and(|v| v.starts_with("1.") || v.starts_with("2.") || v == "1" || v == "2");
    if old_version || present.iter().any(|name| legacy_file(name)) { Layout::Legacy } else { Layout::V3 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_link_is_recognised_and_explained() {
        let mut warnings = Vec::new();
        assert!(Description::parse(b"../../datapackage.json", &mut warnings).is_none());
        assert!(warnings[0].message.contains("link to another file"), "{}", warnings[0].message);
    }

    #[test]
    fn field_types_and_hints_are_read_per_resource() {
        let json = br#"{"version": "3.0.0", "resources": [
            {"name": "service", "path": "./data/services.csv", "schema": {"fields": [
                {"name": "Minimum_Age", "type": "integer"},
                {"name": "assured_date", "type": "date", "format": "%d/%m/%Y"},
                {"name": "extent", "type": "geojson"}]}},
            {"name": "remote", "path": ["a.csv", "b.csv"]}]}"#;
        let mut warnings = Vec::new();
        let description = Description::parse(json, &mut warnings).unwrap();
        assert_eq!(warnings.len(), 1);
        let services = description.resources.iter().find(|r| r.path == "data/services.csv").unwrap();
        assert_eq!(services.fields["minimum_age"].0, Some(FieldType::Integer));
        assert_eq!(services.fields["assured_date"].1.format.as_deref(), Some("%d/%m/%Y"));
        assert_eq!(services.fields["extent"].0, None);
    }

    #[test]
    fn the_layout_follows_the_file_names_and_the_declared_version() {
        let files = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(layout(&files(&["services.csv", "addresses.csv"]), None), Layout::V3);
        assert_eq!(layout(&files(&["services.csv", "physical_addresses.csv"]), None), Layout::Legacy);
        let old = Description { resources: Vec::new(), version: Some("2.0.1".into()) };
        assert_eq!(layout(&files(&["services.csv"]), Some(&old)), Layout::Legacy);
    }
}
