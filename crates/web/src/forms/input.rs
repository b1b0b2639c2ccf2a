//! A posted form as the browser sent it: ordered name/value pairs, because checkbox
//! groups repeat a name and rows of phones or prices are numbered names.

/// Highest row number read from a form. Rows are numbered from 1 by the fragments; a
/// number above this is not from our form, and ignoring it keeps a crafted post from
/// making the page render thousands of rows.
const HIGHEST_ROW: usize = 200;

/// The posted body, as typed. The handler extracts `axum::Form<Vec<(String, String)>>`
/// and passes the pairs to [`FormInput::new`]. Values are kept raw; whoever reads a
/// field trims it, so that a form shown again shows exactly what was typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormInput {
    pairs: Vec<(String, String)>,
}

impl FormInput {
    /// Wraps the posted pairs, in the order they were sent.
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Self { pairs }
    }

    /// The pairs, for handlers that need a field the forms do not know (`actie`).
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The first value sent for `name`, or `""` when there is none: an empty input and
    /// a missing one mean the same to every form here.
    pub fn get(&self, name: &str) -> &str {
        self.pairs.iter().find(|(key, _)| key == name).map_or("", |(_, value)| value.as_str())
    }

    /// Every value sent for `name`, in order: the ticked boxes of a checkbox group.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs.iter().filter(move |(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// Whether `value` was sent for `name` (a ticked checkbox).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.all(name).any(|sent| sent == value)
    }

    /// Whether anything but white space was typed in any of `names`.
    pub fn any_filled(&self, names: &[String]) -> bool {
        names.iter().any(|name| !self.get(name).trim().is_empty())
    }

    /// The numbers of the rows sent under `prefix`: a field `telefoon_3_nummer` belongs
    /// to row 3 of `telefoon`. Sorted, each once, at most up to an internal limit.
    pub fn rows(&self, prefix: &str) -> Vec<usize> {
        let mut rows: Vec<usize> = self
            .pairs
            .iter()
            .filter_map(|(key, _)| {
                let rest = key.strip_prefix(prefix)?.strip_prefix('_')?;
                let (number, _) = rest.split_once('_')?;
                if number.is_empty() || number.starts_with('0') || !number.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                number.parse().ok().filter(|n| *n <= HIGHEST_ROW)
            })
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// Adds a pair: for building the input a record gives (`from_record`).
    pub(crate) fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((name.into(), value.into()));
    }
}

/// The name of field `field` in row `row` of `prefix`: `row_name("telefoon", 2, "nummer")`
/// is `telefoon_2_nummer`.
pub(crate) fn row_name(prefix: &str, row: usize, field: &str) -> String {
    format!("{prefix}_{row}_{field}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> FormInput {
        FormInput::new(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }

    #[test]
    fn a_missing_field_reads_as_empty_and_values_stay_raw() {
        let form = input(&[("naam", "  Buurtteam "), ("naam", "tweede")]);
        assert_eq!(form.get("naam"), "  Buurtteam ");
        assert_eq!(form.get("email"), "");
    }

    #[test]
    fn repeated_names_give_every_value() {
        let form = input(&[("doelgroep", "ouders"), ("x", "1"), ("doelgroep", "ouderen")]);
        assert_eq!(form.all("doelgroep").collect::<Vec<_>>(), ["ouders", "ouderen"]);
        assert!(form.has("doelgroep", "ouderen") && !form.has("doelgroep", "jongeren"));
    }

    #[test]
    fn row_numbers_are_found_once_and_odd_ones_ignored() {
        let form = input(&[
            ("telefoon_2_nummer", ""),
            ("telefoon_1_nummer", ""),
            ("telefoon_1_omschrijving", ""),
            ("telefoon_01_nummer", ""),
            ("telefoon_x_nummer", ""),
            ("telefoon_999_nummer", ""),
            ("telefoonnummer_3_a", ""),
            ("kosten_4_bedrag", ""),
        ]);
        assert_eq!(form.rows("telefoon"), [1, 2]);
        assert_eq!(row_name("telefoon", 2, "nummer"), "telefoon_2_nummer");
    }
}
