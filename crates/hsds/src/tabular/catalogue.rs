//! The tables of an HSDS 3.0 tabular package as Wegwijs reads and writes them: the
//! official `datapackage.json` (bundled from `data/hsds/3.0/`) plus the columns of the
//! Dutch profile. Import and export both take their columns from here, so an export
//! always reads back.

use super::profile_columns::{self, ProfileColumn};
use super::value::FieldType;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The official HSDS 3.0 package description, unchanged.
const OFFICIAL: &str = include_str!("../../../../data/hsds/3.0/datapackage.json");

/// One table: its resource name (`service`), its file (`services.csv`) and its columns
/// in the order an export writes them: the official ones, then the profile's.
#[derive(Debug)]
pub(crate) struct TableDef {
    pub(crate) name: &'static str,
    pub(crate) file: &'static str,
    pub(crate) columns: Vec<ColumnDef>,
    /// The official resource's `foreignKeys`, as published.
    pub(crate) foreign_keys: Vec<Value>,
}

/// One column.
#[derive(Debug)]
pub(crate) struct ColumnDef {
    pub(crate) name: &'static str,
    pub(crate) ty: FieldType,
    /// The official field description (title, description, constraints, …), or `None`
    /// for a profile column.
    pub(crate) official: Option<Value>,
    /// The profile column, for a column the Dutch profile adds.
    pub(crate) profile: Option<&'static ProfileColumn>,
    /// HSDS requires a value.
    pub(crate) required: bool,
}

impl TableDef {
    pub(crate) fn column(&self, name: &str) -> Option<&ColumnDef> {
        self.columns.iter().find(|c| c.name.eq_ignore_ascii_case(name.trim()))
    }
}

/// Every table, in the official order with the profile's own table last.
pub(crate) fn tables() -> &'static [TableDef] {
    static TABLES: OnceLock<Vec<TableDef>> = OnceLock::new();
    TABLES.get_or_init(build)
}

/// The table with resource name `name`.
pub(crate) fn table(name: &str) -> Option<&'static TableDef> {
    static BY_NAME: OnceLock<HashMap<&'static str, &'static TableDef>> = OnceLock::new();
    BY_NAME.get_or_init(|| tables().iter().map(|t| (t.name, t)).collect()).get(name).copied()
}

/// The table stored in `file` (`services.csv`), ignoring case.
pub(crate) fn table_for_file(file: &str) -> Option<&'static TableDef> {
    tables().iter().find(|t| t.file.eq_ignore_ascii_case(file))
}

/// The official package, parsed (for its top-level facts).
pub(crate) fn official_package() -> Value {
    serde_json::from_str(OFFICIAL).expect("the bundled datapackage.json is valid JSON (tested)")
}

fn build() -> Vec<TableDef> {
    let package = official_package();
    let resources = package["resources"].as_array().expect("the official package lists resources");
    let mut tables: Vec<TableDef> = resources
        .iter()
        .map(|resource| {
            let name = leak(resource["name"].as_str().expect("every resource has a name"));
            let file = leak(resource["path"].as_str().expect("every resource has a path"));
            let schema = &resource["schema"];
            let mut columns: Vec<ColumnDef> = schema["fields"]
                .as_array()
                .expect("every resource has fields")
                .iter()
                .map(|field| ColumnDef {
                    name: leak(field["name"].as_str().expect("every field has a name")),
                    ty: field["type"].as_str().and_then(FieldType::from_frictionless).unwrap_or(FieldType::Text),
                    required: field["constraints"]["required"].as_bool().unwrap_or(false),
                    official: Some(field.clone()),
                    profile: None,
                })
                .collect();
            columns.extend(profile_columns::for_table(name).map(profile_column));
            let foreign_keys = schema["foreignKeys"].as_array().cloned().unwrap_or_default();
            TableDef { name, file, columns, foreign_keys }
        })
        .collect();
    let own = profile_columns::OWN_TABLE;
    tables.push(TableDef {
        name: own.name,
        file: own.file,
        columns: profile_columns::for_table(own.name).map(profile_column).collect(),
        foreign_keys: own.foreign_keys(),
    });
    tables
}

fn profile_column(column: &'static ProfileColumn) -> ColumnDef {
    ColumnDef { name: column.column, ty: column.ty, official: None, profile: Some(column), required: column.required }
}

/// The catalogue is built once per process from a bundled file; its names live as long
/// as the program, like the literals the rest of the code compares them with.
fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_tables_come_first_in_their_order_with_the_profile_table_last() {
        let names: Vec<&str> = tables().iter().map(|t| t.name).collect();
        assert_eq!(names.first(), Some(&"organization"));
        assert_eq!(names.last(), Some(&"opening_hours_exception"));
        assert_eq!(names.len(), 22);
        assert_eq!(table_for_file("Services.csv").map(|t| t.name), Some("service"));
    }

    #[test]
    fn official_columns_keep_their_types_and_profile_columns_follow() {
        let service = table("service").unwrap();
        assert_eq!(service.columns[0].name, "id");
        assert_eq!(service.column("minimum_age").unwrap().ty, FieldType::Number);
        assert_eq!(service.column("last_modified").unwrap().ty, FieldType::DateTime);
        let first_profile = service.columns.iter().position(|c| c.profile.is_some()).unwrap();
        assert_eq!(service.columns[first_profile - 1].name, "last_modified");
        assert!(service.columns[first_profile..].iter().all(|c| c.profile.is_some()));
        assert!(table("address").unwrap().column("postal_code").unwrap().required);
    }
}
