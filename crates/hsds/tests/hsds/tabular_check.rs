//! A Frictionless-style check of a written tabular package, written here on its own
//! (not with the writer's code) so it can catch the writer lying: every file is
//! described, every column exists in the schema in order, required cells are filled,
//! values parse as their declared type and format, primary keys are unique and foreign
//! keys resolve. It also checks the package against the official HSDS 3.0 description:
//! every official column of a written table is there, in the official order, before
//! the profile's.

use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

pub fn official_datapackage() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/hsds/3.0/datapackage.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every breach of the package's own description, one line each.
pub fn breaches(folder: &Path) -> Vec<String> {
    let description: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("datapackage.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    let resources = description["resources"].as_array().unwrap();
    let described: HashSet<&str> = resources.iter().map(|r| r["path"].as_str().unwrap()).collect();
    for entry in std::fs::read_dir(folder).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name != "datapackage.json" && !described.contains(name.as_str()) {
            out.push(format!("{name}: written but not described"));
        }
    }
    let mut ids: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let mut tables: BTreeMap<String, (Vec<String>, Vec<Vec<String>>)> = BTreeMap::new();
    for resource in resources {
        let name = resource["name"].as_str().unwrap().to_owned();
        let path = resource["path"].as_str().unwrap();
        let mut reader = csv::ReaderBuilder::new().from_path(folder.join(path)).unwrap();
        let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        let fields = resource["schema"]["fields"].as_array().unwrap();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        if headers != names {
            out.push(format!("{path}: columns {headers:?} differ from the schema's {names:?}"));
        }
        for (line, row) in rows.iter().enumerate() {
            for (field, cell) in fields.iter().zip(row) {
                let column = field["name"].as_str().unwrap();
                let at = format!("{path} row {} {column}", line + 1);
                if cell.is_empty() {
                    if field["constraints"]["required"] == true {
                        out.push(format!("{at}: required but empty"));
                    }
                    continue;
                }
                if !parses(cell, field["type"].as_str().unwrap()) {
                    out.push(format!("{at}: {cell:?} is no {}", field["type"]));
                }
                if let Some(format) = field["format"].as_str()
                    && !has_format(cell, format)
                {
                    out.push(format!("{at}: {cell:?} is no {format}"));
                }
            }
        }
        let key = resource["schema"]["primaryKey"].as_str().unwrap();
        let at = names.iter().position(|n| *n == key).unwrap();
        let mut seen = HashSet::new();
        for row in &rows {
            if !seen.insert(row[at].clone()) {
                out.push(format!("{path}: primary key {:?} repeats", row[at]));
            }
        }
        ids.insert(name.clone(), seen);
        tables.insert(name, (headers, rows));
    }
    for resource in resources {
        let name = resource["name"].as_str().unwrap();
        let (headers, rows) = &tables[name];
        for key in resource["schema"]["foreignKeys"].as_array().unwrap() {
            let column = key["fields"].as_str().unwrap();
            let target = key["reference"]["resource"].as_str().unwrap();
            let Some(target_ids) = ids.get(target) else {
                out.push(format!("{name}.{column}: points at {target}, which is not in the package"));
                continue;
            };
            let at = headers.iter().position(|h| h == column).unwrap();
            for row in rows.iter().filter(|row| !row[at].is_empty() && !target_ids.contains(&row[at])) {
                out.push(format!("{name}.{column}: {:?} is no {target}", row[at]));
            }
        }
    }
    out
}

/// Where the written tables differ from the official HSDS 3.0 tables: a missing or
/// moved official column, or a table HSDS does not have (other than the profile's).
pub fn differences_from_official(folder: &Path, profile_tables: &[&str]) -> Vec<String> {
    let official = official_datapackage();
    let description: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("datapackage.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for resource in description["resources"].as_array().unwrap() {
        let name = resource["name"].as_str().unwrap();
        let written: Vec<&str> =
            resource["schema"]["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
        match official["resources"].as_array().unwrap().iter().find(|r| r["name"] == name) {
            Some(official) => {
                let names: Vec<&str> = official["schema"]["fields"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["name"].as_str().unwrap())
                    .collect();
                if written.len() < names.len() || written[..names.len()] != names[..] {
                    out.push(format!("{name}: official columns {names:?}, written {written:?}"));
                }
                if official["path"] != resource["path"] {
                    out.push(format!("{name}: file {} instead of {}", resource["path"], official["path"]));
                }
            }
            None if profile_tables.contains(&name) => {}
            None => out.push(format!("{name}: no HSDS table")),
        }
    }
    out
}

/// Frictionless's default formats.
fn parses(cell: &str, ty: &str) -> bool {
    match ty {
        "string" => true,
        "integer" | "year" => cell.parse::<i64>().is_ok(),
        "number" => cell.parse::<f64>().is_ok_and(f64::is_finite),
        "boolean" => cell == "true" || cell == "false",
        "date" => chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok(),
        "datetime" => chrono::DateTime::parse_from_rfc3339(cell).is_ok(),
        "time" => chrono::NaiveTime::parse_from_str(cell, "%H:%M:%S").is_ok(),
        other => panic!("type {other} is not expected in a Wegwijs export"),
    }
}

fn has_format(cell: &str, format: &str) -> bool {
    match format {
        "uuid" => uuid_like(cell),
        "email" => cell.contains('@') && !cell.contains(' '),
        "uri" => ["http://", "https://", "mailto:"].iter().any(|s| cell.starts_with(s)) && !cell.contains(' '),
        _ => true,
    }
}

fn uuid_like(cell: &str) -> bool {
    let groups: Vec<&str> = cell.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

#[test]
fn the_check_finds_each_kind_of_breach() {
    let folder = tempfile::tempdir().unwrap();
    let description = serde_json::json!({"resources": [
        {"name": "organization", "path": "organizations.csv", "schema": {"primaryKey": "id", "foreignKeys": [],
            "fields": [{"name": "id", "type": "string", "format": "uuid", "constraints": {"required": true}},
                       {"name": "name", "type": "string", "constraints": {"required": true}},
                       {"name": "year_incorporated", "type": "number"}]}},
        {"name": "location", "path": "locations.csv", "schema": {"primaryKey": "id",
            "foreignKeys": [{"fields": "organization_id", "reference": {"resource": "organization", "fields": "id"}}],
            "fields": [{"name": "id", "type": "string"}, {"name": "organization_id", "type": "string"}]}}
    ]});
    std::fs::write(folder.path().join("datapackage.json"), description.to_string()).unwrap();
    std::fs::write(
        folder.path().join("organizations.csv"),
        "id,name,year_incorporated\nac148810-d857-441c-9679-408f346de14b,,1998\norg-2,Buurtclub,negentig\n\
         org-2,Buurtclub,1990\n",
    )
    .unwrap();
    std::fs::write(folder.path().join("locations.csv"), "id,organization_id,extra\nloc-1,org-9,x\n").unwrap();
    std::fs::write(folder.path().join("programs.csv"), "id\n").unwrap();
    let mut found = breaches(folder.path());
    found.sort();
    assert_eq!(
        found,
        [
            "location.organization_id: \"org-9\" is no organization",
            "locations.csv: columns [\"id\", \"organization_id\", \"extra\"] differ from the schema's [\"id\", \
             \"organization_id\"]",
            "organizations.csv row 1 name: required but empty",
            "organizations.csv row 2 id: \"org-2\" is no uuid",
            "organizations.csv row 2 year_incorporated: \"negentig\" is no \"number\"",
            "organizations.csv row 3 id: \"org-2\" is no uuid",
            "organizations.csv: primary key \"org-2\" repeats",
            "programs.csv: written but not described",
        ]
    );
}
