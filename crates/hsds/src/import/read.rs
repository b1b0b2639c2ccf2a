//! Reads a record's JSON into its wire type. Feeds put all kinds of values in fields
//! (a schema.org opening-hours text where the profile has an object, an age as text):
//! a field of the wrong JSON type that the record can do without is left out with a
//! warning, and the export gives it back; in a field the record needs, it is a problem.

use super::common::KEPT;
use crate::RecordProblem;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::borrow::Cow;

/// `services[12] (id "7f3a…-full-uuid", "Maatjesproject")`, with what the record has of
/// these. The id is given whole: it is what an administrator searches the file for.
pub(crate) fn label(kind: &str, value: &Value) -> String {
    let mut parts = Vec::new();
    if let Some(id) = value.get("id").and_then(Value::as_str) {
        parts.push(format!("id {id:?}"));
    }
    if let Some(name) = value.get("name").and_then(Value::as_str) {
        parts.push(format!("{name:?}"));
    }
    if parts.is_empty() { kind.to_owned() } else { format!("{kind} ({})", parts.join(", ")) }
}

/// `value` as `T`, with a warning for each field of the wrong JSON type that was left
/// out; such a field in `required` is a problem.
pub(crate) fn wire<T: DeserializeOwned>(
    record: &str,
    value: &Value,
    required: &[&str],
) -> Result<(T, Vec<RecordProblem>), RecordProblem> {
    let problem = |field: &str, message: String| RecordProblem {
        place: None,
        record: record.to_owned(),
        field: field.to_owned(),
        message,
    };
    let mut warnings = Vec::new();
    let mut current = Cow::Borrowed(value);
    loop {
        let error = match T::deserialize(current.as_ref()) {
            Ok(wire) => return Ok((wire, warnings)),
            Err(error) => error,
        };
        let field = wrong_field::<T>(&current);
        let removable = current.as_object().is_some_and(|o| o.contains_key(&field)) && !required.contains(&&*field);
        if !removable {
            return Err(problem(&field, format!("has a value of the wrong JSON type: {error}")));
        }
        warnings.push(problem(&field, format!("has a value of the wrong JSON type ({error}); {KEPT}")));
        if let Value::Object(object) = current.to_mut() {
            object.remove(&field);
        }
    }
}

/// The first top-level field whose value `T` cannot read (serde's message does not say
/// where); empty when there is none, or `value` is no object.
fn wrong_field<T: DeserializeOwned>(value: &Value) -> String {
    value
        .as_object()
        .and_then(|object| {
            object.iter().find(|(key, field)| {
                let single = Value::Object([((*key).clone(), (*field).clone())].into_iter().collect());
                T::deserialize(&single).is_err()
            })
        })
        .map(|(key, _)| key.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::HsdsService;
    use serde_json::json;

    const REQUIRED: &[&str] = &["id", "name", "status", "organization"];

    #[test]
    fn a_field_the_record_can_do_without_is_left_out_with_a_warning() {
        let value = json!({"id": "s", "name": "Inloop", "opening_hours": "Mo-Fr 09:00-17:00", "minimum_age": "12"});
        let (wire, warnings) = wire::<HsdsService>("services[0]", &value, REQUIRED).unwrap();
        assert_eq!((wire.opening_hours, wire.minimum_age), (None, None));
        let fields: Vec<&str> = warnings.iter().map(|w| w.field.as_str()).collect();
        assert_eq!(fields, ["minimum_age", "opening_hours"]);
    }

    #[test]
    fn a_field_the_record_needs_is_a_problem() {
        let problem = wire::<HsdsService>("services[0]", &json!({"id": "s", "name": 5}), REQUIRED).unwrap_err();
        assert_eq!(problem.field, "name");
        assert!(problem.message.contains("wrong JSON type"), "{}", problem.message);
        let problem = wire::<HsdsService>("services[0]", &json!(42), REQUIRED).unwrap_err();
        assert_eq!(problem.field, "");
    }

    #[test]
    fn a_label_names_the_id_and_name_it_has() {
        assert_eq!(label("services[3]", &json!({"id": "a", "name": "Inloop"})), "services[3] (id \"a\", \"Inloop\")");
        assert_eq!(label("location", &json!({"name": 5})), "location");
    }
}
