//! The `datapackage.json` of an export: exactly the files and columns written, the
//! official HSDS field descriptions for HSDS columns and the profile's for the rest,
//! with constraints only where every row meets them (see [`super::written`]).

use super::catalogue::{ColumnDef, TableDef, official_package};
use super::written::Written;
use serde_json::{Value, json};

/// One written table, as the description needs it.
pub(crate) struct WrittenTable<'a> {
    pub(crate) def: &'static TableDef,
    pub(crate) columns: &'a [&'static ColumnDef],
    pub(crate) written: &'a [Written],
    /// (column, table it points at) of every reference that resolves in the package.
    pub(crate) foreign_keys: Vec<(&'static str, &'static str)>,
}

/// The package description.
pub(crate) fn describe(tables: &[WrittenTable<'_>]) -> Value {
    let profile: Value = serde_json::from_str(crate::PROFILE_JSON).expect("the bundled profile.json is valid JSON");
    let official = official_package();
    json!({
        "name": "sociale-kaart-hsds",
        "title": "Sociale kaart: HSDS 3.0 tabular data package (Wegwijs)",
        "description": format!(
            "Human Services Data Specification {} tables with the Dutch profile {} {} (see its documentation: {}). \
             Columns after the official ones are the profile's.",
            official["version"].as_str().unwrap_or("3.0"),
            profile["name"].as_str().unwrap_or_default(),
            profile["version"].as_str().unwrap_or_default(),
            profile["documentation"].as_str().unwrap_or_default(),
        ),
        "profile": "tabular-data-package",
        "version": official["version"],
        "resources": tables.iter().map(resource).collect::<Vec<_>>(),
    })
}

fn resource(table: &WrittenTable<'_>) -> Value {
    let fields: Vec<Value> =
        table.columns.iter().zip(table.written).map(|(column, written)| field(column, written)).collect();
    let foreign_keys: Vec<Value> = table
        .foreign_keys
        .iter()
        .map(|(column, target)| json!({"fields": column, "reference": {"resource": target, "fields": "id"}}))
        .collect();
    json!({
        "name": table.def.name,
        "path": table.def.file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": "\"", "lineTerminator": "\n", "header": true},
        "schema": {"fields": fields, "primaryKey": "id", "foreignKeys": foreign_keys},
    })
}

fn field(column: &ColumnDef, written: &Written) -> Value {
    let mut field = match (&column.official, column.profile) {
        (Some(official), _) => official.clone(),
        (None, Some(profile)) => json!({
            "name": column.name,
            "type": column.ty.frictionless(),
            "description": profile.description,
        }),
        (None, None) => json!({"name": column.name, "type": column.ty.frictionless()}),
    };
    let object = field.as_object_mut().expect("a field description is an object");
    if !written.type_holds {
        object.insert("type".to_owned(), json!("string"));
    }
    if !written.format_holds || !written.type_holds {
        object.remove("format");
    }
    let required = column.required && written.always_filled;
    let constraints = object.entry("constraints").or_insert_with(|| json!({}));
    if let Some(constraints) = constraints.as_object_mut() {
        constraints.insert("required".to_owned(), json!(required));
    }
    field
}

#[cfg(test)]
mod tests {
    use super::super::catalogue::table;
    use super::*;

    #[test]
    fn a_required_column_left_empty_is_not_declared_required_and_a_broken_format_is_dropped() {
        let address = table("address").unwrap();
        let columns: Vec<&ColumnDef> = address.columns.iter().collect();
        let mut written = vec![Written::default(); columns.len()];
        let province = columns.iter().position(|c| c.name == "state_province").unwrap();
        written[province].always_filled = false;
        let id = columns.iter().position(|c| c.name == "id").unwrap();
        written[id].format_holds = false;
        let described = resource(&WrittenTable {
            def: address,
            columns: &columns,
            written: &written,
            foreign_keys: vec![("location_id", "location")],
        });
        let fields = described["schema"]["fields"].as_array().unwrap();
        assert_eq!(fields[province]["constraints"]["required"], json!(false));
        assert_eq!(fields[id]["constraints"]["required"], json!(true));
        assert!(fields[id].get("format").is_none());
        assert_eq!(described["schema"]["foreignKeys"][0]["reference"]["resource"], json!("location"));
    }
}
