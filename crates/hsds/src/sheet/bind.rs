//! Ties the mapping to one sheet: each column the mapping names must be in the sheet
//! (case and spacing aside), and from then on a field's value in a row is looked up
//! by column index, with the column's header kept for reports.

use super::field::{Combine, Field};
use super::grid::{Grid, GridRow};
use super::mapping::SheetMapping;
use super::text::{fold, nearest, suggestion};
use crate::RecordProblem;
use std::collections::BTreeMap;

/// Where a field's values come from in this sheet.
#[derive(Debug, Clone, Default)]
struct Sources {
    /// Column indices, in mapping order.
    columns: Vec<usize>,
    /// Values from `[constants]`.
    constant: Vec<String>,
}

/// The mapping, resolved against the sheet's header row.
#[derive(Debug, Clone)]
pub(crate) struct Binding {
    fields: BTreeMap<Field, Sources>,
    headers: Vec<String>,
}

/// One value of a field in a row, with what the editor should look at to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Value {
    pub(crate) text: String,
    /// The column header, or `[constants] <key>`.
    pub(crate) from: String,
}

impl Binding {
    /// Resolves every column of `mapping`; all missing columns are reported at once.
    pub(crate) fn new(
        mapping: &SheetMapping,
        grid: &Grid,
        warnings: &mut Vec<RecordProblem>,
    ) -> Result<Self, Vec<RecordProblem>> {
        let mut fields: BTreeMap<Field, Sources> = BTreeMap::new();
        let mut problems = Vec::new();
        let mut used = vec![false; grid.headers.len()];
        for column in mapping.columns() {
            let matches: Vec<usize> = (0..grid.headers.len())
                .filter(|&i| !grid.headers[i].is_empty() && fold(&grid.headers[i]) == fold(&column.header))
                .collect();
            let problem = |message: String| RecordProblem {
                place: Some(grid.place(grid.header_line)),
                record: format!("mapping file line {}", column.line),
                field: column.header.clone(),
                message,
            };
            match matches.as_slice() {
                [] => {
                    let near = nearest(&column.header, grid.headers.iter().map(String::as_str), 1);
                    problems.push(problem(format!(
                        "{} is mapped to the column {:?}, but the sheet has no such column{}. The sheet's columns are: {}",
                        column.field.key(),
                        column.header,
                        suggestion(&near),
                        columns_list(grid)
                    )));
                }
                [_, _, ..] if column.field.combine() == Combine::Single => {
                    let letters: Vec<String> = matches.iter().map(|&i| grid.letter(i)).collect();
                    problems.push(problem(format!(
                        "the sheet has {} columns named {:?} (columns {}); rename all but one, so it is clear which \
                         holds {}",
                        matches.len(),
                        column.header,
                        letters.join(", "),
                        column.field.key()
                    )));
                }
                found => {
                    for &index in found {
                        used[index] = true;
                        fields.entry(column.field).or_default().columns.push(index);
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        for constant in mapping.constants() {
            fields.entry(constant.field).or_default().constant.extend(constant.values.iter().cloned());
        }
        let unused: Vec<String> = (0..grid.headers.len())
            .filter(|&i| !used[i] && !grid.headers[i].is_empty())
            .map(|i| format!("{:?}", grid.headers[i]))
            .collect();
        if !unused.is_empty() {
            warnings.push(RecordProblem {
                place: Some(grid.place(grid.header_line)),
                record: grid.label.clone(),
                field: String::new(),
                message: format!("these columns are not in the mapping and were not imported: {}", unused.join(", ")),
            });
        }
        Ok(Self { fields, headers: grid.headers.clone() })
    }

    /// Whether a column or constant gives this field.
    pub(crate) fn is_mapped(&self, field: Field) -> bool {
        self.fields.contains_key(&field)
    }

    /// Every non-empty value of `field` in `row`: one per column, then the constants.
    /// A single-valued field gives its first filled column, else its constant.
    pub(crate) fn values(&self, field: Field, row: &GridRow) -> Vec<Value> {
        let Some(sources) = self.fields.get(&field) else { return Vec::new() };
        let mut out: Vec<Value> = sources
            .columns
            .iter()
            .filter_map(|&i| {
                let text = row.values.get(i)?.trim();
                (!text.is_empty()).then(|| Value { text: text.to_owned(), from: self.headers[i].clone() })
            })
            .collect();
        if out.is_empty() || field.combine() == Combine::List {
            let from = format!("[constants] {}", field.key());
            out.extend(sources.constant.iter().map(|text| Value { text: text.clone(), from: from.clone() }));
        }
        if field.combine() == Combine::Single {
            out.truncate(1);
        }
        out
    }

    /// The field's value in `row` as one value: text columns joined with a blank line,
    /// house number parts joined as written on a door ("12" "a" → "12a").
    pub(crate) fn value(&self, field: Field, row: &GridRow) -> Option<Value> {
        let values = self.values(field, row);
        let first = values.first()?.clone();
        let text = match field.combine() {
            Combine::Text => values.iter().map(|v| v.text.as_str()).collect::<Vec<_>>().join("\n\n"),
            Combine::Parts => values.iter().fold(String::new(), |mut joined, v| {
                // "12" and "a" make "12a"; "12" and "bis" make "12 bis".
                let letter = v.text.chars().count() == 1 && v.text.chars().all(char::is_alphabetic);
                if !joined.is_empty() && !letter {
                    joined.push(' ');
                }
                joined.push_str(&v.text);
                joined
            }),
            _ => first.text.clone(),
        };
        Some(Value { text, from: first.from })
    }

    /// What to call `field` in a report: its column header(s), or the constant.
    pub(crate) fn label(&self, field: Field) -> Option<String> {
        let sources = self.fields.get(&field)?;
        if sources.columns.is_empty() {
            return Some(format!("[constants] {}", field.key()));
        }
        let headers: Vec<&str> = sources.columns.iter().map(|&i| self.headers[i].as_str()).collect();
        Some(headers.join(" / "))
    }
}

/// `A "Organisatie", B "Dienst", …` for an error message.
fn columns_list(grid: &Grid) -> String {
    let list: Vec<String> = grid
        .headers
        .iter()
        .enumerate()
        .filter(|(_, header)| !header.is_empty())
        .map(|(i, header)| format!("{} {header:?}", grid.letter(i)))
        .collect();
    list.join(", ")
}
