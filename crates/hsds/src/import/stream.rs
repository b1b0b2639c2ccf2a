//! Walks the top level of the file. An array is read one element at a time, so a file
//! of 100k services never becomes one JSON tree; a single object is small and read
//! whole. Besides Wegwijs's own array of services, this reads what HSDS APIs and their
//! examples give: one service, organisation (with its `services`), service at a
//! location (with its `service`), location, taxonomy or term, and a page of any of
//! these (`contents`).

use super::collect::{Collector, Origins};
use crate::ImportError;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;
use std::io::Read;

pub(super) fn read(reader: impl Read, collector: &mut Collector) -> Result<(), ImportError> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    TopLevel(collector).deserialize(&mut de)?;
    de.end()?;
    Ok(())
}

struct TopLevel<'c>(&'c mut Collector);

impl<'de> DeserializeSeed<'de> for TopLevel<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopLevel<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of HSDS service objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Value>()? {
            add(self.0, item);
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value: Value = de::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        match value {
            Value::Object(mut page) if matches!(page.get("contents"), Some(Value::Array(_))) => {
                let Some(Value::Array(items)) = page.remove("contents") else { unreachable!("checked above") };
                items.into_iter().for_each(|item| add(self.0, item));
            }
            other => add(self.0, other),
        }
        Ok(())
    }
}

/// What a top-level object is. HSDS objects carry no type, so it is told by the
/// fields only that kind has; anything unclear is read as a service, whose problems
/// then say what is missing.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Service,
    Organisation,
    ServiceAtLocation,
    Location,
    Taxonomy,
    Term,
}

const SERVICE_ONLY: &[&str] = &["status", "organization", "service_at_locations", "organization_id", "program"];
const ORGANISATION_ONLY: &[&str] = &[
    "services",
    "legal_status",
    "website",
    "tax_status",
    "tax_id",
    "year_incorporated",
    "logo",
    "parent_organization_id",
    "organization_identifiers",
    "programs",
    "locations",
];
const TERM_ONLY: &[&str] = &["taxonomy_detail", "taxonomy_id", "taxonomy", "term_uri", "parent_id", "code"];
const TAXONOMY_FIELDS: &[&str] = &["id", "name", "description", "uri", "version", "metadata"];

fn kind(object: &Map<String, Value>) -> Kind {
    let has = |fields: &[&str]| fields.iter().any(|field| object.contains_key(*field));
    if object.get("service").is_some_and(Value::is_object) {
        Kind::ServiceAtLocation
    } else if object.contains_key("location_type") {
        Kind::Location
    } else if has(SERVICE_ONLY) {
        Kind::Service
    } else if has(ORGANISATION_ONLY) {
        Kind::Organisation
    } else if has(TERM_ONLY) {
        Kind::Term
    } else if object.keys().all(|key| TAXONOMY_FIELDS.contains(&key.as_str())) && has(&["uri", "version"]) {
        Kind::Taxonomy
    } else {
        Kind::Service
    }
}

fn add(collector: &mut Collector, item: Value) {
    let none = Origins::none();
    let Value::Object(object) = item else {
        // Not an object: reported as a service of the wrong JSON type.
        collector.add_service_value(item, &none);
        return;
    };
    match kind(&object) {
        Kind::Service => collector.add_service_value(Value::Object(object), &none),
        Kind::Organisation => add_organisation(collector, object),
        Kind::ServiceAtLocation => add_service_at_location(collector, object),
        Kind::Location => collector.add_location_value(Value::Object(object), &none),
        Kind::Taxonomy => collector.add_taxonomy_value(Value::Object(object), &none),
        Kind::Term => collector.add_term_value(Value::Object(object), &none),
    }
}

/// An organisation with `services`: each service gets the organisation nested in it
/// (without the services), as HSDS services carry it.
fn add_organisation(collector: &mut Collector, mut organisation: Map<String, Value>) {
    let services = match organisation.remove("services") {
        Some(Value::Array(services)) if !services.is_empty() => services,
        _ => return collector.add_organisation_value(Value::Object(organisation), &Origins::none()),
    };
    for mut service in services {
        if let Value::Object(object) = &mut service
            && !object.contains_key("organization")
        {
            object.insert("organization".to_owned(), Value::Object(organisation.clone()));
        }
        collector.add_service_value(service, &Origins::none());
    }
}

/// A service at a location with its `service` nested: read as that service, with the
/// service at location (without the service) in its `service_at_locations`.
fn add_service_at_location(collector: &mut Collector, mut at_location: Map<String, Value>) {
    let Some(Value::Object(mut service)) = at_location.remove("service") else { unreachable!("told by kind()") };
    let list = service.entry("service_at_locations").or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = list {
        let id = at_location.get("id");
        if id.is_none() || !list.iter().any(|item| item.get("id") == id) {
            list.push(Value::Object(at_location));
        }
    }
    collector.add_service_value(Value::Object(service), &Origins::none());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kind_of(value: Value) -> Kind {
        kind(value.as_object().unwrap())
    }

    #[test]
    fn the_kind_of_an_object_is_told_by_its_fields() {
        assert_eq!(kind_of(json!({"id": "s", "name": "n", "status": "active"})), Kind::Service);
        assert_eq!(kind_of(json!({"organization": {"name": "X"}})), Kind::Service);
        assert_eq!(kind_of(json!({"id": "o", "name": "n", "description": "d", "website": "x.nl"})), Kind::Organisation);
        assert_eq!(kind_of(json!({"id": "o", "name": "n", "services": []})), Kind::Organisation);
        assert_eq!(kind_of(json!({"id": "a", "service": {"id": "s"}, "location": {}})), Kind::ServiceAtLocation);
        assert_eq!(kind_of(json!({"id": "l", "location_type": "physical", "organization_id": "o"})), Kind::Location);
        assert_eq!(kind_of(json!({"id": "t", "name": "n", "taxonomy_detail": {}})), Kind::Term);
        assert_eq!(kind_of(json!({"id": "x", "name": "n", "description": "d", "version": "1"})), Kind::Taxonomy);
        assert_eq!(kind_of(json!({"id": "x", "name": "n", "description": "d"})), Kind::Service);
    }
}
