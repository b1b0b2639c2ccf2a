//! Differences between two versions of a record, for the editors' side-by-side view.
//! An editor approving a provider's proposal must see exactly what would change, field
//! by field, and inside long texts word by word. Records are compared in their stored
//! form, serde JSON, so one function serves services, organisations and locations.

use serde::Serialize;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};

/// Top-level keys that are bookkeeping, not content an editor reviews: who changed
/// what when (`meta`) and HSDS fields carried along unchanged (`hsds_extra`).
const IGNORED_FIELDS: [&str; 2] = ["meta", "hsds_extra"];

/// Texts with more words than this on either side are not diffed word by word:
/// the comparison grows with the product of both lengths, and an editor cannot follow
/// a word diff of such a text anyway.
pub const MAX_DIFF_WORDS: usize = 4000;

/// One field that differs between two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The top-level field name, e.g. `description`.
    pub path: String,
    /// The old value; `None` when the field was absent or null.
    pub before: Option<Value>,
    /// The new value; `None` when the field is now absent or null.
    pub after: Option<Value>,
}

/// The top-level fields that differ between `before` and `after`; `before` is `None`
/// for a new record, and then every filled field counts as changed. A null field is
/// treated as absent, because serializers write empty options either way. The
/// bookkeeping fields `meta` and `hsds_extra` are skipped.
///
/// The result follows `order` (the caller's field order, e.g. the order of the form),
/// then the remaining fields of `after`, then fields only `before` had. `serde_json` is
/// built without `preserve_order` here, so "remaining" fields come in alphabetical order.
///
/// A value that is not a JSON object is compared as a whole, under the path `""`.
pub fn field_changes(before: Option<&Value>, after: &Value, order: &[&str]) -> Vec<FieldChange> {
    let Some(after_fields) = after.as_object() else {
        return whole_value_change(before, after);
    };
    let before_fields = match before.map(Value::as_object) {
        None => None,
        Some(Some(fields)) => Some(fields),
        Some(None) => return whole_value_change(before, after),
    };
    let mut keys: Vec<&str> = Vec::new();
    let candidates = order
        .iter()
        .copied()
        .chain(after_fields.keys().map(String::as_str))
        .chain(before_fields.into_iter().flat_map(|b| b.keys().map(String::as_str)));
    for key in candidates {
        if !keys.contains(&key) && !IGNORED_FIELDS.contains(&key) {
            keys.push(key);
        }
    }
    keys.into_iter()
        .filter_map(|key| {
            let old = before_fields.and_then(|b| filled(b.get(key)));
            let new = filled(after_fields.get(key));
            (old != new).then(|| FieldChange { path: key.to_owned(), before: old.cloned(), after: new.cloned() })
        })
        .collect()
}

/// A value unless it is absent or null.
fn filled(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null())
}

/// The change of a value that is not an object, if any.
fn whole_value_change(before: Option<&Value>, after: &Value) -> Vec<FieldChange> {
    let old = filled(before);
    let new = filled(Some(after));
    if old == new {
        return Vec::new();
    }
    vec![FieldChange { path: String::new(), before: old.cloned(), after: new.cloned() }]
}

/// Whether a piece of text is in both versions or in one only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PieceKind {
    /// In both versions.
    Same,
    /// Only in the old version.
    Removed,
    /// Only in the new version.
    Added,
}

/// A run of text with one [`PieceKind`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextPiece {
    /// Whether the text was kept, removed or added.
    pub kind: PieceKind,
    /// The text, whitespace included, as typed.
    pub text: String,
}

/// A word-level diff of two texts. The `Same` and `Removed` pieces in order spell
/// `before` exactly, and the `Same` and `Added` pieces spell `after`, so a page can
/// show both sides from one list. Neighbouring pieces never have the same kind.
///
/// A changed phrase comes out as one `Removed` and one `Added` piece ("the old words",
/// then "the new words") rather than alternating word by word. Texts longer than
/// [`MAX_DIFF_WORDS`] words come out as one `Removed` and one `Added` piece.
pub fn text_diff(before: &str, after: &str) -> Vec<TextPiece> {
    let mut pieces = Pieces::default();
    if before == after {
        pieces.push(PieceKind::Same, before);
        return pieces.0;
    }
    let too_long = |text: &str| text.split_whitespace().nth(MAX_DIFF_WORDS).is_some();
    if too_long(before) || too_long(after) {
        pieces.push(PieceKind::Removed, before);
        pieces.push(PieceKind::Added, after);
        return pieces.0;
    }
    let diff = TextDiff::from_words(before, after);
    let mut block = ChangeBlock::default();
    for change in diff.iter_all_changes() {
        let token = change.value();
        match change.tag() {
            ChangeTag::Equal if block.is_empty() => pieces.push(PieceKind::Same, token),
            ChangeTag::Equal if token.trim().is_empty() => block.gap.push_str(token),
            ChangeTag::Equal => {
                block.flush(&mut pieces);
                pieces.push(PieceKind::Same, token);
            }
            ChangeTag::Delete => block.add(PieceKind::Removed, token),
            ChangeTag::Insert => block.add(PieceKind::Added, token),
        }
    }
    block.flush(&mut pieces);
    pieces.0
}

/// The pieces built so far; merges a piece into the previous one of the same kind.
#[derive(Default)]
struct Pieces(Vec<TextPiece>);

impl Pieces {
    fn push(&mut self, kind: PieceKind, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => self.0.push(TextPiece { kind, text: text.to_owned() }),
        }
    }
}

/// Consecutive changes, possibly with whitespace between them that both versions share.
#[derive(Default)]
struct ChangeBlock {
    /// The tokens of the block in order; shared whitespace is kept as `Same`.
    tokens: Vec<(PieceKind, String)>,
    /// Shared whitespace after the last change, which only belongs to the block if
    /// another change follows.
    gap: String,
}

impl ChangeBlock {
    fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    fn add(&mut self, kind: PieceKind, token: &str) {
        if !self.gap.is_empty() {
            self.tokens.push((PieceKind::Same, std::mem::take(&mut self.gap)));
        }
        self.tokens.push((kind, token.to_owned()));
    }

    /// Writes the block out. With removals and additions, shared whitespace inside it is
    /// written on both sides, so "the old words" / "the new words" read as phrases; with
    /// changes of one kind only, that whitespace stays `Same`. A trailing gap is `Same`.
    fn flush(&mut self, pieces: &mut Pieces) {
        let has = |kind| self.tokens.iter().any(|(k, _)| *k == kind);
        if has(PieceKind::Removed) && has(PieceKind::Added) {
            for side in [PieceKind::Removed, PieceKind::Added] {
                let text: String = self
                    .tokens
                    .iter()
                    .filter(|(k, _)| *k == side || *k == PieceKind::Same)
                    .map(|(_, t)| t.as_str())
                    .collect();
                pieces.push(side, &text);
            }
        } else {
            for (kind, text) in &self.tokens {
                pieces.push(*kind, text);
            }
        }
        pieces.push(PieceKind::Same, &self.gap);
        self.tokens.clear();
        self.gap.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::{FieldChange, PieceKind, TextPiece, field_changes, text_diff};
    use serde_json::json;

    fn paths(changes: &[FieldChange]) -> Vec<&str> {
        changes.iter().map(|c| c.path.as_str()).collect()
    }

    #[test]
    fn only_changed_fields_are_listed_with_both_values() {
        let before = json!({"name": "Buurtteam", "description": "Oud", "phone": "020"});
        let after = json!({"name": "Buurtteam", "description": "Nieuw", "phone": "020"});
        assert_eq!(
            field_changes(Some(&before), &after, &[]),
            [FieldChange { path: "description".into(), before: Some(json!("Oud")), after: Some(json!("Nieuw")) }]
        );
    }

    #[test]
    fn bookkeeping_fields_are_ignored() {
        let before = json!({"name": "A", "meta": {"version": 1}, "hsds_extra": {"x": 1}});
        let after = json!({"name": "A", "meta": {"version": 2}, "hsds_extra": {"x": 2}});
        assert!(field_changes(Some(&before), &after, &["meta"]).is_empty());
    }

    #[test]
    fn absent_and_null_are_the_same_and_removed_fields_are_listed() {
        let before = json!({"email": null, "url": "https://a.nl", "fax": "010"});
        let after = json!({"url": "https://a.nl", "phone": "020"});
        let changes = field_changes(Some(&before), &after, &[]);
        assert_eq!(paths(&changes), ["phone", "fax"]);
        assert_eq!(changes[1].after, None);
        assert_eq!(changes[0].before, None);
    }

    #[test]
    fn a_new_record_lists_every_filled_field() {
        let after = json!({"name": "A", "email": null, "meta": {}});
        assert_eq!(paths(&field_changes(None, &after, &[])), ["name"]);
    }

    #[test]
    fn the_callers_order_comes_first_then_the_rest() {
        let before = json!({"a": 1, "b": 1, "c": 1, "z": 1});
        let after = json!({"a": 2, "b": 2, "c": 2});
        assert_eq!(paths(&field_changes(Some(&before), &after, &["c", "missing", "a"])), ["c", "a", "b", "z"]);
    }

    #[test]
    fn nested_values_are_compared_as_a_whole() {
        let before = json!({"languages": ["nl", "en"]});
        let after = json!({"languages": ["nl", "en", "ar"]});
        assert_eq!(field_changes(Some(&before), &after, &[])[0].after, Some(json!(["nl", "en", "ar"])));
        assert!(field_changes(Some(&after), &after.clone(), &[]).is_empty());
    }

    #[test]
    fn values_that_are_not_objects_are_compared_whole() {
        assert_eq!(paths(&field_changes(Some(&json!(1)), &json!(2), &[])), [""]);
        assert!(field_changes(Some(&json!("x")), &json!("x"), &[]).is_empty());
    }

    fn piece(kind: PieceKind, text: &str) -> TextPiece {
        TextPiece { kind, text: text.to_owned() }
    }

    /// Rebuilds one side of the diff, to check that nothing is lost or doubled.
    fn side(pieces: &[TextPiece], other: PieceKind) -> String {
        pieces.iter().filter(|p| p.kind == PieceKind::Same || p.kind == other).map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn changed_words_are_marked_and_shared_words_kept() {
        use PieceKind::{Added, Removed, Same};
        assert_eq!(
            text_diff("Wij zijn open op maandag.", "Wij zijn open op dinsdag."),
            [piece(Same, "Wij zijn open op "), piece(Removed, "maandag."), piece(Added, "dinsdag.")]
        );
        assert_eq!(text_diff("Bel ons gratis", "Bel ons"), [piece(Same, "Bel ons"), piece(Removed, " gratis")]);
    }

    #[test]
    fn a_changed_phrase_is_one_removed_and_one_added_piece() {
        use PieceKind::{Added, Removed, Same};
        assert_eq!(
            text_diff("Kom op de oude plek langs", "Kom op een nieuwe plek langs"),
            [piece(Same, "Kom op "), piece(Removed, "de oude"), piece(Added, "een nieuwe"), piece(Same, " plek langs")]
        );
    }

    #[test]
    fn both_sides_can_be_rebuilt_from_the_pieces() {
        for (before, after) in [
            ("a b c d e", "a x c y e"),
            ("een  twee\ndrie", "een twee\n\ndrie vier"),
            ("alles weg", ""),
            ("", "alles nieuw"),
            ("de kat zat op de mat", "de hond lag op de mat"),
            ("  spaties voor en na  ", "spaties na  "),
        ] {
            let pieces = text_diff(before, after);
            assert_eq!(side(&pieces, PieceKind::Removed), before, "{before:?} -> {after:?}");
            assert_eq!(side(&pieces, PieceKind::Added), after, "{before:?} -> {after:?}");
            assert!(pieces.windows(2).all(|w| w[0].kind != w[1].kind), "{pieces:?}");
            assert!(pieces.iter().all(|p| !p.text.is_empty()));
        }
    }

    #[test]
    fn equal_and_empty_texts() {
        assert_eq!(text_diff("zelfde", "zelfde"), [piece(PieceKind::Same, "zelfde")]);
        assert!(text_diff("", "").is_empty());
    }

    #[test]
    fn very_long_texts_are_replaced_as_a_whole() {
        let long = "woord ".repeat(super::MAX_DIFF_WORDS + 1);
        let pieces = text_diff(&long, "kort");
        assert_eq!(pieces, [piece(PieceKind::Removed, &long), piece(PieceKind::Added, "kort")]);
    }
}
