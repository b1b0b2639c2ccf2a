//! The Wegwijs Dutch HSDS profile: what Wegwijs adds to HSDS 3.0, in the form the HSDS
//! profile mechanism prescribes — one JSON Merge Patch (RFC 7386) per HSDS schema file,
//! kept in `crates/hsds/profile/` and documented in `docs/hsds-profile.md` — plus the
//! merged schemas, so other Dutch kaarten and validators can use either.

use serde_json::Value;

/// The profile's index: name, version, HSDS version and the list of patch files.
pub const PROFILE_JSON: &str = include_str!("../profile/profile.json");

/// Profile patches by file name. `opening_hours.json` is a new object, not a patch.
const PATCHES: &[(&str, &str)] = &[
    ("service.json", include_str!("../profile/service.json")),
    ("funding.json", include_str!("../profile/funding.json")),
    ("organization.json", include_str!("../profile/organization.json")),
    ("location.json", include_str!("../profile/location.json")),
    ("service_at_location.json", include_str!("../profile/service_at_location.json")),
    ("service_area.json", include_str!("../profile/service_area.json")),
    ("cost_option.json", include_str!("../profile/cost_option.json")),
    ("taxonomy_term.json", include_str!("../profile/taxonomy_term.json")),
    ("opening_hours.json", include_str!("../profile/opening_hours.json")),
];

/// The HSDS 3.0 object schemas, as published by Open Referral (see `data/hsds/SOURCE.md`).
const HSDS_SCHEMAS: &[(&str, &str)] = &[
    ("accessibility.json", include_str!("../../../data/hsds/3.0/schema/accessibility.json")),
    ("address.json", include_str!("../../../data/hsds/3.0/schema/address.json")),
    ("attribute.json", include_str!("../../../data/hsds/3.0/schema/attribute.json")),
    ("contact.json", include_str!("../../../data/hsds/3.0/schema/contact.json")),
    ("cost_option.json", include_str!("../../../data/hsds/3.0/schema/cost_option.json")),
    ("funding.json", include_str!("../../../data/hsds/3.0/schema/funding.json")),
    ("language.json", include_str!("../../../data/hsds/3.0/schema/language.json")),
    ("location.json", include_str!("../../../data/hsds/3.0/schema/location.json")),
    ("meta_table_description.json", include_str!("../../../data/hsds/3.0/schema/meta_table_description.json")),
    ("metadata.json", include_str!("../../../data/hsds/3.0/schema/metadata.json")),
    ("organization.json", include_str!("../../../data/hsds/3.0/schema/organization.json")),
    ("organization_identifier.json", include_str!("../../../data/hsds/3.0/schema/organization_identifier.json")),
    ("phone.json", include_str!("../../../data/hsds/3.0/schema/phone.json")),
    ("program.json", include_str!("../../../data/hsds/3.0/schema/program.json")),
    ("required_document.json", include_str!("../../../data/hsds/3.0/schema/required_document.json")),
    ("schedule.json", include_str!("../../../data/hsds/3.0/schema/schedule.json")),
    ("service.json", include_str!("../../../data/hsds/3.0/schema/service.json")),
    ("service_area.json", include_str!("../../../data/hsds/3.0/schema/service_area.json")),
    ("service_at_location.json", include_str!("../../../data/hsds/3.0/schema/service_at_location.json")),
    ("taxonomy.json", include_str!("../../../data/hsds/3.0/schema/taxonomy.json")),
    ("taxonomy_term.json", include_str!("../../../data/hsds/3.0/schema/taxonomy_term.json")),
];

/// HSDS 3.0's list-item schemas (objects without their one-to-many lists).
const HSDS_LIST_SCHEMAS: &[(&str, &str)] = &[
    ("compiled/service_list.json", include_str!("../../../data/hsds/3.0/schema/compiled/service_list.json")),
    (
        "compiled/service_at_location_list.json",
        include_str!("../../../data/hsds/3.0/schema/compiled/service_at_location_list.json"),
    ),
    ("compiled/organization_list.json", include_str!("../../../data/hsds/3.0/schema/compiled/organization_list.json")),
];

/// An official HSDS 3.0 schema file as published (`service.json`,
/// `compiled/service_list.json`, …), unchanged by the profile.
pub fn hsds_schema(name: &str) -> Option<&'static str> {
    HSDS_SCHEMAS.iter().chain(HSDS_LIST_SCHEMAS).find(|(file, _)| *file == name).map(|(_, text)| *text)
}

/// The names of the profile's patch files.
pub fn patch_names() -> impl Iterator<Item = &'static str> {
    PATCHES.iter().map(|(name, _)| *name)
}

/// The profile's patch `name` (e.g. `service.json`) as published.
pub fn patch(name: &str) -> Option<&'static str> {
    PATCHES.iter().find(|(file, _)| *file == name).map(|(_, text)| *text)
}

/// The names of the schemas [`schema`] knows: every HSDS 3.0 object and the profile's own.
pub fn schema_names() -> impl Iterator<Item = &'static str> {
    HSDS_SCHEMAS.iter().map(|(name, _)| *name).chain(std::iter::once("opening_hours.json"))
}

/// The schema `name` as this profile defines it: the HSDS 3.0 schema with the profile's
/// patch merged in, or the profile's own object. Relative `$ref`s (`"phone.json"`) point
/// to the other schemas of the same set.
pub fn schema(name: &str) -> Option<Value> {
    let base = HSDS_SCHEMAS.iter().find(|(file, _)| *file == name).map(|(_, text)| parse(text));
    let patch = patch(name).map(parse);
    match (base, patch) {
        (Some(mut base), Some(patch)) => {
            merge_patch(&mut base, &patch);
            Some(base)
        }
        (base, patch) => base.or(patch),
    }
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the bundled schema files are valid JSON (tested)")
}

/// JSON Merge Patch, RFC 7386 section 2: objects merge key by key, `null` removes a
/// key, anything else replaces.
fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    let target = target.as_object_mut().expect("made an object above");
    for (key, value) in patch {
        if value.is_null() {
            target.remove(key);
        } else {
            merge_patch(target.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_file_is_json_and_every_listed_patch_exists() {
        let index: Value = serde_json::from_str(PROFILE_JSON).unwrap();
        let listed: Vec<&str> = index["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
        assert_eq!(listed, patch_names().collect::<Vec<_>>());
        for name in schema_names() {
            assert!(schema(name).is_some_and(|s| s.is_object()), "{name}");
        }
    }

    #[test]
    fn the_service_schema_keeps_hsds_fields_and_gains_the_profile_fields() {
        let service = schema("service.json").unwrap();
        let properties = service["properties"].as_object().unwrap();
        for field in ["id", "name", "status", "phones", "summary", "referral", "verified_at", "professional_notes"] {
            assert!(properties.contains_key(field), "{field}");
        }
        assert_eq!(service["required"], serde_json::json!(["id", "name", "status"]));
    }

    #[test]
    fn merge_patch_follows_rfc_7386() {
        // The examples of RFC 7386 appendix A, a selection.
        let cases = [
            (r#"{"a":"b"}"#, r#"{"a":"c"}"#, r#"{"a":"c"}"#),
            (r#"{"a":"b"}"#, r#"{"b":"c"}"#, r#"{"a":"b","b":"c"}"#),
            (r#"{"a":"b"}"#, r#"{"a":null}"#, r#"{}"#),
            (r#"{"a":[{"b":"c"}]}"#, r#"{"a":[1]}"#, r#"{"a":[1]}"#),
            (r#"{"e":null}"#, r#"{"a":1}"#, r#"{"e":null,"a":1}"#),
            (r#"[1,2]"#, r#"{"a":"b","c":null}"#, r#"{"a":"b"}"#),
            (r#"{}"#, r#"{"a":{"bb":{"ccc":null}}}"#, r#"{"a":{"bb":{}}}"#),
        ];
        for (target, patch, expected) in cases {
            let mut target: Value = serde_json::from_str(target).unwrap();
            merge_patch(&mut target, &serde_json::from_str(patch).unwrap());
            assert_eq!(target, serde_json::from_str::<Value>(expected).unwrap(), "{patch}");
        }
    }
}
