//! Import without loss: what an incoming HSDS object holds beyond what Wegwijs's own
//! export of the converted record gives back, kept with the record
//! ([`wegwijs_domain::HsdsExtra`]) and laid over the export again.
//!
//! The import converts an object, exports the result and [`diff`]s the two; the export
//! [`apply`]s the kept part. Three rules keep later edits in Wegwijs safe:
//!
//! - **The domain wins.** A value present in both (a phone number Wegwijs wrote in its
//!   own way) is not kept, and a kept value is only put back where the export has none.
//! - **Patches need their target.** What belongs to an object the export had at import
//!   (the `extension` of a phone) is only put back while that object is still exported;
//!   a phone an editor deleted does not come back half.
//! - **Whole values stay whole.** What the export did not have at all (an `alert`, a
//!   price in pounds) comes back as it was, until the domain gets a value of its own.
//!
//! Lists of objects are matched by `id`. Objects Wegwijs gives ids of its own (weekly
//! schedules, addresses, funding) are matched to the most alike incoming object and get
//! its id back, so a consumer sees the same object, not a copy next to it.
//!
//! The kept part is stored in this module's own shape ([`Patch`]): the plain HSDS shape
//! cannot tell "put back if missing" from "only add to what is there", which is the
//! difference between the last two rules.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use wegwijs_domain::HsdsExtra;

/// What to lay over one exported object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Patch {
    /// The original id of an object the export gave an id of its own; only in lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<Value>,
    /// Properties the export lacked, with their original values: put back while the
    /// export still lacks them.
    #[serde(skip_serializing_if = "Map::is_empty")]
    add: Map<String, Value>,
    /// Patches for objects the export has under these properties.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    objects: BTreeMap<String, Patch>,
    /// Patches for lists of objects the export has under these properties.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    lists: BTreeMap<String, ListPatch>,
}

/// What to lay over one exported list of objects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct ListPatch {
    /// Patches for exported items, by the id the export gives them (see [`item_key`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    items: BTreeMap<String, Patch>,
    /// Items the export lacked, in their original order: appended unless an item with
    /// the same id is exported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    add: Vec<Value>,
}

impl Patch {
    fn is_empty(&self) -> bool {
        self.id.is_none() && self.add.is_empty() && self.objects.is_empty() && self.lists.is_empty()
    }

    /// The patch kept in `extra`. Extras this version cannot read (written by a newer
    /// Wegwijs, or edited by hand) are left out rather than failing an export.
    pub(crate) fn from_extra(extra: &HsdsExtra) -> Self {
        if extra.is_empty() {
            return Self::default();
        }
        serde_json::from_value(Value::Object(extra.as_map().clone())).unwrap_or_default()
    }

    /// The patch as a record keeps it.
    pub(crate) fn into_extra(self) -> HsdsExtra {
        match serde_json::to_value(self) {
            Ok(Value::Object(map)) => HsdsExtra::new(map),
            _ => HsdsExtra::default(),
        }
    }
}

impl ListPatch {
    fn is_empty(&self) -> bool {
        self.items.is_empty() && self.add.is_empty()
    }
}

/// Keeps `value` as the record's top-level property `key`, given back by exports while
/// Wegwijs has no value of its own for it: for a value a later step had to take out of
/// the record, such as a reference to a record that exists nowhere.
pub fn keep_property(extra: &mut HsdsExtra, key: &str, value: Value) {
    let mut patch = Patch::from_extra(extra);
    patch.add.insert(key.to_owned(), value);
    *extra = patch.into_extra();
}

/// What `incoming` holds beyond `exported` (Wegwijs's export of what the import made of
/// `incoming`).
pub(crate) fn diff(incoming: &Map<String, Value>, exported: &Map<String, Value>) -> Patch {
    let mut patch = Patch::default();
    for (key, value) in incoming {
        if value.is_null() {
            continue;
        }
        match (value, exported.get(key)) {
            (_, None) => {
                patch.add.insert(key.clone(), value.clone());
            }
            (Value::Object(inner), Some(Value::Object(outer))) => {
                let nested = diff(inner, outer);
                if !nested.is_empty() {
                    patch.objects.insert(key.clone(), nested);
                }
            }
            (Value::Array(inner), Some(Value::Array(outer))) if all_objects(inner) && all_objects(outer) => {
                let nested = diff_list(inner, outer);
                if !nested.is_empty() {
                    patch.lists.insert(key.clone(), nested);
                }
            }
            // Present in both: the domain's value wins.
            _ => {}
        }
    }
    patch
}

fn all_objects(items: &[Value]) -> bool {
    items.iter().all(Value::is_object)
}

fn diff_list(incoming: &[Value], exported: &[Value]) -> ListPatch {
    let pairs = pair(incoming, exported);
    let mut list = ListPatch::default();
    for (item, partner) in incoming.iter().zip(pairs) {
        let paired = partner.and_then(|at| Some((exported[at].as_object()?, item_key(&exported[at], at))));
        let (Some(inner), Some((outer, key))) = (item.as_object(), paired) else {
            list.add.push(item.clone());
            continue;
        };
        let mut patch = diff(inner, outer);
        patch.id = inner.get("id").filter(|id| !id.is_null() && Some(*id) != outer.get("id")).cloned();
        if !patch.is_empty() {
            list.items.insert(key, patch);
        }
    }
    list
}

/// For each incoming item, the exported item it became: the one with the same id, or
/// else the most alike one still free (at least one value in common, links to the
/// owner not counted).
fn pair(incoming: &[Value], exported: &[Value]) -> Vec<Option<usize>> {
    let mut pairs = vec![None; incoming.len()];
    let mut taken = vec![false; exported.len()];
    for (i, item) in incoming.iter().enumerate() {
        let Some(id) = item.get("id").filter(|id| !id.is_null()) else { continue };
        if let Some(at) = (0..exported.len()).find(|&at| !taken[at] && exported[at].get("id") == Some(id)) {
            pairs[i] = Some(at);
            taken[at] = true;
        }
    }
    let mut candidates = Vec::new();
    for (i, item) in incoming.iter().enumerate().filter(|(i, _)| pairs[*i].is_none()) {
        for (at, other) in exported.iter().enumerate().filter(|(at, _)| !taken[*at]) {
            let score = alike(item, other, true);
            if score > 0 {
                candidates.push((std::cmp::Reverse(score), i, at));
            }
        }
    }
    candidates.sort();
    for (_, i, at) in candidates {
        if pairs[i].is_none() && !taken[at] {
            pairs[i] = Some(at);
            taken[at] = true;
        }
    }
    pairs
}

/// How many values two objects have in common at the same place, not counting their
/// own ids or links (`…_id`), which every item of a list may share with its owner.
/// Texts are compared without case and surrounding spaces.
fn alike(a: &Value, b: &Value, top: bool) -> usize {
    let (Value::Object(a), Value::Object(b)) = (a, b) else {
        return usize::from(same(a, b));
    };
    a.iter()
        .filter(|(key, _)| !(key.ends_with("_id") || top && key.as_str() == "id"))
        .filter_map(|(key, value)| Some((value, b.get(key)?)))
        .map(|(value, other)| match (value, other) {
            (Value::Array(_), _) | (_, Value::Array(_)) => 0,
            _ => alike(value, other, false),
        })
        .sum()
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Null, _) | (_, Value::Null) => false,
        _ => a == b,
    }
}

/// The key an exported list item is known by in a patch: its id, or for the few
/// objects without one (the profile's dated exceptions) `#` and its position.
fn item_key(item: &Value, position: usize) -> String {
    match item.get("id") {
        Some(Value::String(id)) => id.clone(),
        None | Some(Value::Null) => format!("#{position}"),
        Some(other) => other.to_string(),
    }
}

/// Lays `patch` over `target`, an exported object.
pub(crate) fn apply(patch: &Patch, target: &mut Map<String, Value>) {
    if let Some(id) = &patch.id {
        target.insert("id".to_owned(), id.clone());
    }
    for (key, value) in &patch.add {
        if target.get(key).is_none_or(Value::is_null) {
            target.insert(key.clone(), value.clone());
        }
    }
    for (key, nested) in &patch.objects {
        if let Some(Value::Object(inner)) = target.get_mut(key) {
            apply(nested, inner);
        }
    }
    for (key, list) in &patch.lists {
        match target.get_mut(key) {
            Some(Value::Array(items)) => apply_list(list, items),
            None if !list.add.is_empty() => {
                let mut items = Vec::new();
                apply_list(list, &mut items);
                target.insert(key.clone(), Value::Array(items));
            }
            _ => {}
        }
    }
}

fn apply_list(list: &ListPatch, items: &mut Vec<Value>) {
    for (position, item) in items.iter_mut().enumerate() {
        let Some(patch) = list.items.get(&item_key(item, position)) else { continue };
        if let Value::Object(object) = item {
            apply(patch, object);
        }
    }
    for extra in &list.add {
        let exported = extra
            .get("id")
            .filter(|id| !id.is_null())
            .is_some_and(|id| items.iter().any(|item| item.get("id") == Some(id)));
        if !exported {
            items.push(extra.clone());
        }
    }
}

/// Lays the extras of a record over its export.
pub(crate) fn apply_extra(extra: &HsdsExtra, target: &mut Value) {
    if extra.is_empty() {
        return;
    }
    if let Value::Object(object) = target {
        apply(&Patch::from_extra(extra), object);
    }
}

#[cfg(test)]
mod keep_property_tests {
    use super::*;

    #[test]
    fn a_kept_property_comes_back_until_the_record_has_its_own() {
        let mut extra = HsdsExtra::default();
        keep_property(&mut extra, "organization_id", Value::from("elders"));
        let mut exported = Map::new();
        apply(&Patch::from_extra(&extra), &mut exported);
        assert_eq!(exported["organization_id"], "elders");
        let mut own = Map::from_iter([("organization_id".to_owned(), Value::from("eigen"))]);
        apply(&Patch::from_extra(&extra), &mut own);
        assert_eq!(own["organization_id"], "eigen");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            other => panic!("not an object: {other}"),
        }
    }

    /// Diffs `incoming` against `exported` and lays the result over `exported`.
    fn round(incoming: Value, exported: Value) -> Value {
        let patch = diff(&object(incoming), &object(exported.clone()));
        let mut out = object(exported);
        apply(&patch, &mut out);
        Value::Object(out)
    }

    #[test]
    fn fields_the_export_lacks_come_back_and_normalised_values_stay_normalised() {
        let out = round(
            json!({"id": "s1", "alert": "Gesloten", "program": {"id": "p"}, "email": "INFO@X.NL"}),
            json!({"id": "s1", "email": "info@x.nl"}),
        );
        assert_eq!(out, json!({"id": "s1", "alert": "Gesloten", "program": {"id": "p"}, "email": "info@x.nl"}));
    }

    #[test]
    fn list_items_are_matched_by_id_and_unknown_items_are_appended_whole() {
        let out = round(
            json!({"phones": [{"id": "uk", "number": "\"+44 1\""}, {"id": "nl", "number": "0252-123456", "extension": 12}]}),
            json!({"phones": [{"id": "nl", "number": "0252 123 456"}]}),
        );
        assert_eq!(
            out,
            json!({"phones": [
                {"id": "nl", "number": "0252 123 456", "extension": 12},
                {"id": "uk", "number": "\"+44 1\""}
            ]})
        );
    }

    #[test]
    fn an_item_with_an_id_of_wegwijs_gets_the_original_id_back() {
        let out = round(
            json!({"addresses": [{"id": "a-7", "address_1": "Hoofdstraat 1", "city": "Sassenheim", "attention": "Balie"}]}),
            json!({"addresses": [{"id": "derived", "address_1": "Hoofdstraat 1", "city": "Sassenheim", "country": "NL"}]}),
        );
        assert_eq!(
            out,
            json!({"addresses": [{"id": "a-7", "address_1": "Hoofdstraat 1", "city": "Sassenheim", "attention": "Balie", "country": "NL"}]})
        );
    }

    #[test]
    fn items_with_nothing_in_common_but_their_owner_are_not_paired() {
        let patch = diff(
            &object(json!({"funding": [{"id": "f1", "service_id": "s", "source": "Subsidie"}]})),
            &object(json!({"funding": [{"id": "d", "service_id": "s", "source": "Gratis", "scheme": "gratis"}]})),
        );
        assert_eq!(patch.lists["funding"].add.len(), 1);
        assert!(patch.lists["funding"].items.is_empty());
    }

    #[test]
    fn a_patch_for_an_item_that_is_no_longer_exported_is_dropped() {
        let patch = diff(
            &object(json!({"phones": [{"id": "p1", "number": "071 1", "extension": 1}]})),
            &object(json!({"phones": [{"id": "p1", "number": "071 1"}]})),
        );
        let mut later = object(json!({"phones": [{"id": "p2", "number": "071 2"}]}));
        apply(&patch, &mut later);
        assert_eq!(Value::Object(later), json!({"phones": [{"id": "p2", "number": "071 2"}]}));
        let mut emptied = object(json!({}));
        apply(&patch, &mut emptied);
        assert_eq!(Value::Object(emptied), json!({}));
    }

    #[test]
    fn a_kept_value_gives_way_once_the_domain_has_its_own() {
        let patch = diff(&object(json!({"latitude": 100, "addresses": [{"id": "us"}]})), &object(json!({})));
        let mut later = object(json!({"latitude": 52.2, "addresses": [{"id": "nl"}]}));
        apply(&patch, &mut later);
        assert_eq!(Value::Object(later), json!({"latitude": 52.2, "addresses": [{"id": "nl"}]}));
    }

    #[test]
    fn a_whole_item_comes_back_even_when_the_domain_items_are_gone() {
        let patch = diff(
            &object(
                json!({"cost_options": [{"id": "c1", "currency": "GBP", "amount": 35}, {"id": "c2", "amount": 5}]}),
            ),
            &object(json!({"cost_options": [{"id": "c2", "amount": 5, "currency": "EUR"}]})),
        );
        let mut later = object(json!({}));
        apply(&patch, &mut later);
        assert_eq!(Value::Object(later), json!({"cost_options": [{"id": "c1", "currency": "GBP", "amount": 35}]}));
    }

    #[test]
    fn nested_objects_are_patched_only_where_the_export_has_them() {
        let patch = diff(
            &object(json!({"attributes": [{"id": "a", "taxonomy_term": {"id": "t", "term_uri": "http://x"}}]})),
            &object(json!({"attributes": [{"id": "a", "taxonomy_term": {"id": "t"}}]})),
        );
        let mut same = object(json!({"attributes": [{"id": "a", "taxonomy_term": {"id": "t"}}]}));
        apply(&patch, &mut same);
        assert_eq!(same["attributes"][0]["taxonomy_term"]["term_uri"], "http://x");
        let mut bare = object(json!({"attributes": [{"id": "a", "taxonomy_term_id": "t"}]}));
        apply(&patch, &mut bare);
        assert_eq!(Value::Object(bare), json!({"attributes": [{"id": "a", "taxonomy_term_id": "t"}]}));
    }

    #[test]
    fn items_without_ids_are_patched_by_position() {
        let out = round(
            json!({"exceptions": [{"date": "2024-12-24", "closed": true, "source_note": "rooster"}]}),
            json!({"exceptions": [{"date": "2024-12-24", "closed": true}]}),
        );
        assert_eq!(out, json!({"exceptions": [{"date": "2024-12-24", "closed": true, "source_note": "rooster"}]}));
    }

    #[test]
    fn a_patch_survives_being_stored_as_extras() {
        let patch = diff(
            &object(json!({"alert": "x", "phones": [{"id": "p", "extension": 3}], "program": {"id": "q"}})),
            &object(json!({"phones": [{"id": "p"}]})),
        );
        let extra = patch.clone().into_extra();
        let stored: HsdsExtra = serde_json::from_str(&serde_json::to_string(&extra).unwrap()).unwrap();
        assert_eq!(Patch::from_extra(&stored), patch);
    }

    #[test]
    fn nothing_is_kept_when_the_export_gives_everything_back() {
        let value = json!({"id": "s", "phones": [{"id": "p", "number": "1"}], "referral": {"route": "none"}});
        assert!(diff(&object(value.clone()), &object(value)).is_empty());
    }
}
