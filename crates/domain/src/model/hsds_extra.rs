//! What an imported HSDS record held that Wegwijs has no field for, kept so that an
//! export gives it back: open data that passes through Wegwijs must not lose what
//! another system put in it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The part of an imported HSDS object that Wegwijs's own export would not reproduce
/// (HSDS fields without a Wegwijs counterpart, and values the domain cannot hold, such
/// as a price in pounds). The HSDS crate writes and reads its content; to the rest of
/// Wegwijs it is opaque and never shown or searched.
///
/// Stored with the record; records without extras (everything Wegwijs made itself)
/// store nothing, which keeps older stored records readable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HsdsExtra(Map<String, Value>);

impl HsdsExtra {
    /// Wraps `map`, as the HSDS import builds it.
    pub fn new(map: Map<String, Value>) -> Self {
        Self(map)
    }

    /// Whether nothing is kept: the record came from Wegwijs itself, or HSDS gave
    /// nothing Wegwijs could not hold.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The kept content.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extras_are_stored_as_the_plain_json_object() {
        let mut map = Map::new();
        map.insert("alert".into(), Value::from("Gesloten wegens verbouwing"));
        let extra = HsdsExtra::new(map);
        let text = serde_json::to_string(&extra).unwrap();
        assert_eq!(text, r#"{"alert":"Gesloten wegens verbouwing"}"#);
        assert_eq!(serde_json::from_str::<HsdsExtra>(&text).unwrap(), extra);
        assert!(!extra.is_empty() && HsdsExtra::default().is_empty());
    }
}
