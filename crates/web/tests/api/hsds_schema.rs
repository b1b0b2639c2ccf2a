//! HSDS 3.0's JSON schemas as validators, read from the copy in `data/hsds/3.0/schema/`
//! (relative `$ref`s such as `"phone.json"` resolve to the files next to them), with
//! format checking on: a URL, e-mail address or date-time that is not one is an error.

use jsonschema::{Retrieve, Uri, Validator};
use serde_json::{Value, json};
use std::path::PathBuf;

/// Where the schema files are said to live; the retriever maps it to the directory.
const BASE: &str = "https://hsds.invalid/schema/";

/// The directory of the HSDS schema files.
pub fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/hsds/3.0/schema")
}

/// A schema file as JSON.
pub fn read_schema(file: &str) -> Value {
    let path = schema_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

struct SchemaFiles;

impl Retrieve for SchemaFiles {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let file = uri.as_str().strip_prefix(BASE).ok_or_else(|| format!("{uri} is not an HSDS schema"))?;
        Ok(serde_json::from_str(&std::fs::read_to_string(schema_dir().join(file))?)?)
    }
}

/// HSDS marks every id `format: uuid`. Wegwijs's records have UUIDs, but the built-in
/// taxonomies have readable ids on purpose (`thema`, `thema-geld-en-schulden`, see
/// `wegwijs_domain::taxonomy`), so those pass too; anything else must be a UUID.
fn uuid_or_readable_taxonomy_id(text: &str) -> bool {
    let uuid = text.len() == 36
        && text
            .char_indices()
            .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() });
    let readable = !text.is_empty()
        && text
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    uuid || readable
}

/// A validator for `schema`, as if it were the file `name` (for its relative `$ref`s).
pub fn validator_for(name: &str, schema: &Value) -> Validator {
    jsonschema::options()
        .with_base_uri(format!("{BASE}{name}"))
        .with_retriever(SchemaFiles)
        .should_validate_formats(true)
        .with_format("uuid", uuid_or_readable_taxonomy_id)
        .build(schema)
        .unwrap_or_else(|e| panic!("schema {name}: {e}"))
}

/// A validator for the schema file `file` (e.g. `service.json`, `compiled/service_list.json`).
pub fn validator(file: &str) -> Validator {
    validator_for(file, &read_schema(file))
}

/// Items of `/services?minimal=true`: HSDS's `id` and `last_modified` of a service, and
/// nothing else.
pub fn minimal_service_validator() -> Validator {
    let service = read_schema("compiled/service_list.json");
    let schema = json!({
        "type": "object",
        "required": ["id", "last_modified"],
        "additionalProperties": false,
        "properties": {
            "id": service["properties"]["id"],
            "last_modified": service["properties"]["last_modified"],
        },
    });
    validator_for("compiled/minimal_service.json", &schema)
}

/// The answer of the API's base URL, as HSDS's OpenAPI document describes it, with its
/// fields required.
pub fn base_validator() -> Validator {
    let openapi = read_schema("openapi.json");
    let mut schema = openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"].clone();
    schema["required"] = json!(["version", "profile", "openapi_url"]);
    validator_for("openapi_base.json", &schema)
}

/// HSDS's `Page` envelope, from its OpenAPI document, with every field required.
pub fn page_validator() -> Validator {
    let openapi = read_schema("openapi.json");
    let mut schema = openapi["components"]["schemas"]["Page"].clone();
    let mut required: Vec<String> = schema["properties"].as_object().unwrap().keys().cloned().collect();
    required.push("contents".to_owned());
    schema["required"] = json!(required);
    schema["properties"]["contents"] = json!({ "type": "array" });
    validator_for("openapi_page.json", &schema)
}

/// Every error of `instance` against `validator`, each with where it is.
pub fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn the_validators_catch_what_hsds_forbids() {
    let service = validator("service.json");
    assert!(
        errors(&service, &json!({ "id": "ac148810-d857-441c-9679-408f346de14b", "name": "x", "status": "active" }))
            .is_empty()
    );
    assert!(!errors(&service, &json!({ "id": "x y", "name": "x", "status": "active" })).is_empty(), "bad id");
    assert!(!errors(&service, &json!({ "id": "thema", "name": "x" })).is_empty(), "status missing");
    let with_phone = json!({ "id": "thema", "name": "x", "status": "active", "phones": [{ "id": "thema" }] });
    assert!(!errors(&service, &with_phone).is_empty(), "the phone's number is required (a $ref was followed)");
    let bad_url = json!({ "id": "thema", "name": "x", "status": "active", "url": "not a url" });
    assert!(!errors(&service, &bad_url).is_empty(), "formats are checked");
    assert!(!errors(&minimal_service_validator(), &json!({ "id": "thema", "last_modified": "x" })).is_empty());
    assert!(!errors(&page_validator(), &json!({ "total_items": 1 })).is_empty());
}

/// Resolves `$ref`s to the schemas of the Wegwijs Dutch profile (HSDS 3.0 merged with
/// the profile's patches), as `wegwijs_hsds::profile` publishes them.
struct ProfileFiles;

const PROFILE_BASE: &str = "https://profile.invalid/schema/";

impl Retrieve for ProfileFiles {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let file = uri.as_str().strip_prefix(PROFILE_BASE).ok_or_else(|| format!("{uri} is not a profile schema"))?;
        wegwijs_hsds::profile::schema(file).ok_or_else(|| format!("the profile has no schema {file}").into())
    }
}

/// A validator for the profile's version of the schema `file` (e.g. `service.json`):
/// it also checks the types and codes of the profile fields.
pub fn profile_validator(file: &str) -> Validator {
    let schema = wegwijs_hsds::profile::schema(file).unwrap_or_else(|| panic!("no profile schema {file}"));
    jsonschema::options()
        .with_base_uri(format!("{PROFILE_BASE}{file}"))
        .with_retriever(ProfileFiles)
        .should_validate_formats(true)
        .with_format("uuid", uuid_or_readable_taxonomy_id)
        .build(&schema)
        .unwrap_or_else(|e| panic!("profile schema {file}: {e}"))
}

#[tokio::test]
async fn every_service_follows_the_dutch_profile_and_the_profile_catches_wrong_codes() {
    let app = crate::helpers::spawn_app().await;
    let service = profile_validator("service.json");
    let mut problems = Vec::new();
    let mut with_profile_fields = 0;
    for page in 1..=3 {
        let (status, body) = app.get_json(&format!("/api/hsds/services?full=true&per_page=100&page={page}")).await;
        assert_eq!(status, 200);
        for item in body["contents"].as_array().unwrap() {
            with_profile_fields += usize::from(item.get("referral").is_some() && item.get("summary").is_some());
            problems.extend(errors(&service, item).into_iter().map(|e| format!("{}: {e}", item["id"])));
        }
    }
    assert!(problems.is_empty(), "{} profile errors:\n{}", problems.len(), problems.join("\n"));
    assert!(with_profile_fields > 0, "the services carry the profile fields");

    // The profile is not a formality: a wrong referral route or target group is caught.
    let (_, body) = app.get_json("/api/hsds/services?full=true&per_page=1").await;
    let mut wrong = body["contents"][0].clone();
    wrong["referral"]["route"] = json!("buurvrouw");
    wrong["eligibility"] = json!({"target_groups": ["iedereen"]});
    wrong["verified_by"] = json!("niemand");
    assert_eq!(errors(&service, &wrong).len(), 3, "{:?}", errors(&service, &wrong));
}
