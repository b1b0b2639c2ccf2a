//! The list shapes of HSDS 3.0, cut from the fully nested objects: a list item carries
//! only the "one-to-one" fields of its object (no arrays of phones, schedules, …) and the
//! one-to-one objects HSDS nests in it. Cutting from the nested export keeps a single
//! source for every field, so a list item can never say something the record does not.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

/// The one-to-one fields of an object: everything but arrays.
fn one_to_one(object: &Value) -> Map<String, Value> {
    match object {
        Value::Object(fields) => {
            fields.iter().filter(|(_, v)| !v.is_array()).map(|(k, v)| (k.clone(), v.clone())).collect()
        }
        _ => Map::new(),
    }
}

/// `one_to_one`, with the HSDS objects named in `nested` cut the same way.
fn one_to_one_with(object: &Value, nested: &[&str]) -> Map<String, Value> {
    let mut fields = one_to_one(object);
    for name in nested {
        if let Some(inner) = fields.get(*name).filter(|v| v.is_object()) {
            let cut = Value::Object(one_to_one(inner));
            fields.insert((*name).to_owned(), cut);
        }
    }
    fields
}

/// A nested service as an item of `/services` (HSDS `service_list`).
pub fn service_list_item(service: &Value) -> Value {
    Value::Object(one_to_one_with(service, &["organization", "program"]))
}

/// An organization as an item of `/organizations` (HSDS `organization_list`).
pub fn organization_list_item(organization: &Value) -> Value {
    Value::Object(one_to_one(organization))
}

/// The service-at-location with `id` inside a nested service, as it is nested there.
pub fn service_at_location<'a>(service: &'a Value, id: &str) -> Option<&'a Value> {
    service["service_at_locations"].as_array()?.iter().find(|sal| sal["id"].as_str() == Some(id))
}

/// A service-at-location as an item of `/service_at_locations` (HSDS
/// `service_at_location_list`): its own fields, its location and its service, each
/// one-to-one.
pub fn service_at_location_list_item(sal: &Value, service: &Value) -> Value {
    let mut fields = one_to_one_with(sal, &["location"]);
    fields.insert("service".to_owned(), service_list_item(service));
    Value::Object(fields)
}

/// A fully nested service-at-location, with its service's one-to-one fields alongside
/// so a client knows what is offered there without a second call.
pub fn service_at_location_full(sal: &Value, service: &Value) -> Value {
    let mut full = sal.clone();
    if let Value::Object(fields) = &mut full {
        fields.insert("service".to_owned(), service_list_item(service));
    }
    full
}

/// The `minimal` form of a service: its id and when it last changed, written as the
/// export writes `last_modified`.
pub fn minimal_service(id: &str, last_modified: DateTime<Utc>) -> Value {
    serde_json::json!({ "id": id, "last_modified": last_modified.to_rfc3339_opts(SecondsFormat::AutoSi, true) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn nested() -> Value {
        json!({
            "id": "s1", "name": "Maaltijden", "status": "active", "summary": "Warm eten",
            "referral": { "required": false, "route": "none" },
            "phones": [{ "id": "p1", "number": "071-1234567" }],
            "organization": { "id": "o1", "name": "Welzijn", "description": "", "phones": [{ "id": "p2" }] },
            "service_at_locations": [
                { "id": "sal1", "service_id": "s1", "location_id": "l1", "schedules": [{ "id": "x" }],
                  "location": { "id": "l1", "location_type": "physical", "addresses": [{ "id": "a1" }] } }
            ]
        })
    }

    #[test]
    fn a_list_item_drops_every_array_and_keeps_one_to_one_objects() {
        let item = service_list_item(&nested());
        assert_eq!(item["name"], "Maaltijden");
        assert_eq!(item["referral"]["route"], "none", "a one-to-one profile object stays");
        assert!(item.get("phones").is_none() && item.get("service_at_locations").is_none());
        assert_eq!(item["organization"]["name"], "Welzijn");
        assert!(item["organization"].get("phones").is_none());
    }

    #[test]
    fn a_service_at_location_item_carries_its_location_and_service_one_to_one() {
        let service = nested();
        let sal = service_at_location(&service, "sal1").unwrap();
        let item = service_at_location_list_item(sal, &service);
        assert_eq!(item["location"]["location_type"], "physical");
        assert!(item["location"].get("addresses").is_none() && item.get("schedules").is_none());
        assert_eq!(item["service"]["id"], "s1");
        assert!(item["service"].get("service_at_locations").is_none());
        let full = service_at_location_full(sal, &service);
        assert_eq!(full["location"]["addresses"][0]["id"], "a1");
        assert!(service_at_location(&service, "other").is_none());
    }

    #[test]
    fn minimal_services_write_last_modified_like_the_export() {
        use chrono::TimeZone;
        let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 0).unwrap();
        assert_eq!(minimal_service("s1", at), json!({ "id": "s1", "last_modified": "2026-11-02T09:30:00Z" }));
    }
}
