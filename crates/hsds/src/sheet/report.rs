//! Turns the HSDS import's problems back into spreadsheet terms. The import names a
//! record `services[3] (id …)` and a field by its HSDS path
//! (`organization.email`); the editor needs the row, the column header and, for an
//! organisation or location, the row its value was read from.

use super::bind::Binding;
use super::field::Field;
use super::records::{Entity, Records};
use crate::RecordProblem;
use std::collections::HashMap;

pub(crate) struct Relabel<'a> {
    binding: &'a Binding,
    records: &'a Records,
    /// Line → index into `records.rows`.
    by_line: HashMap<u64, usize>,
}

impl<'a> Relabel<'a> {
    pub(crate) fn new(binding: &'a Binding, records: &'a Records, lines: impl Iterator<Item = (u64, usize)>) -> Self {
        Self { binding, records, by_line: lines.collect() }
    }

    pub(crate) fn apply(&self, mut problem: RecordProblem) -> RecordProblem {
        let Some(place) = problem.place.as_mut() else { return problem };
        let Some(&row) = self.by_line.get(&place.line) else { return problem };
        let prepared = &self.records.rows[row];
        let path = without_indices(&problem.field);
        let fields = Field::for_hsds_path(&path);
        let field = fields.iter().copied().find(|&f| self.binding.is_mapped(f));
        let entity: Option<&Entity> = if path.starts_with("organization.") {
            Some(&self.records.organisations[prepared.organisation])
        } else if path.starts_with("service_at_locations") {
            prepared.location.map(|at| &self.records.locations[at])
        } else {
            None
        };
        match entity {
            Some(entity) => {
                problem.record = entity.label.clone();
                if let Some(line) = field.and_then(|f| entity.line_of(f)) {
                    place.line = line;
                }
            }
            None => problem.record = prepared.label.clone(),
        }
        problem.field = match (field, fields.first()) {
            (Some(field), _) => self.binding.label(field).unwrap_or_default(),
            (None, Some(first)) => format!("{} (not in the mapping)", first.key()),
            (None, None) => problem.field,
        };
        problem
    }
}

/// `service_at_locations[0].location.addresses[0].city` → `service_at_locations.location.addresses.city`.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if !in_index => out.push(c),
            _ => {}
        }
    }
    out
}

/// Problems in row order, each once: an organisation's bad value is found again in
/// every service of it, but is one thing to fix.
pub(crate) fn tidy(mut problems: Vec<RecordProblem>) -> Vec<RecordProblem> {
    problems.sort_by_key(|problem| problem.place.as_ref().map_or(u64::MAX, |place| place.line));
    let mut seen = std::collections::HashSet::new();
    problems.retain(|problem| seen.insert(problem.to_string()));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_are_dropped_from_paths() {
        assert_eq!(
            without_indices("service_at_locations[0].location.addresses[12].city"),
            "service_at_locations.location.addresses.city"
        );
    }
}
