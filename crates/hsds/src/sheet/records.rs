//! The first pass over the rows: which organisation, location and service each row
//! describes. Organisations and locations repeat over rows; their cells are merged
//! (a later row may leave them empty) and must agree, or the problem names both rows.
//! Ids come from id columns, or are derived from the source and the names, so the
//! same sheet imported twice gives the same records.

use super::bind::{Binding, Value};
use super::field::{Combine, Field};
use super::grid::{Grid, GridRow};
use super::text::fold;
use crate::RecordProblem;
use std::collections::{BTreeMap, HashMap};
use wegwijs_domain::Id;

/// The fields of an organisation, compared across its rows.
pub(crate) const ORGANISATION_FIELDS: [Field; 6] = [
    Field::OrganisationName,
    Field::OrganisationDescription,
    Field::OrganisationKind,
    Field::OrganisationEmail,
    Field::OrganisationWebsite,
    Field::OrganisationPhone,
];

/// The fields of a location, compared across its rows.
pub(crate) const LOCATION_FIELDS: [Field; 7] = [
    Field::LocationName,
    Field::Address,
    Field::Street,
    Field::HouseNumber,
    Field::PostalCode,
    Field::City,
    Field::Municipality,
];

/// An organisation or location, merged over the rows that mention it.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub(crate) id: Id,
    /// `organisation "Welzijn Teylingen"`, for reports.
    pub(crate) label: String,
    /// For a location: the organisation (index into [`Records::organisations`]) of
    /// the first row that named it.
    pub(crate) owner: usize,
    /// Each field's value and the line it was read on.
    values: BTreeMap<Field, (Value, u64)>,
}

impl Entity {
    pub(crate) fn get(&self, field: Field) -> Option<&str> {
        self.values.get(&field).map(|(value, _)| value.text.as_str())
    }

    /// The line a field's value came from, so a problem with it points there.
    pub(crate) fn line_of(&self, field: Field) -> Option<u64> {
        self.values.get(&field).map(|(_, line)| *line)
    }

    fn merge(&mut self, field: Field, value: Value, line: u64, place: &Grid, problems: &mut Vec<RecordProblem>) {
        match self.values.get(&field) {
            None => {
                self.values.insert(field, (value, line));
            }
            Some((known, first)) if fold(&known.text) != fold(&value.text) => problems.push(RecordProblem {
                place: Some(place.place(line)),
                record: self.label.clone(),
                field: value.from,
                message: format!(
                    "is {:?} here but {:?} on line {first}; every row of one {} must give the same value, or leave \
                     it empty",
                    value.text,
                    known.text,
                    self.label.split(' ').next().unwrap_or_default()
                ),
            }),
            Some(_) => {}
        }
    }
}

/// What one row describes.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    /// Index of the row in the grid.
    pub(crate) row: usize,
    pub(crate) service_id: Id,
    /// Index into [`Records::organisations`].
    pub(crate) organisation: usize,
    /// Index into [`Records::locations`].
    pub(crate) location: Option<usize>,
    /// `"Maatjesproject" (Welzijn Teylingen)`, for reports.
    pub(crate) label: String,
}

#[derive(Debug, Default)]
pub(crate) struct Records {
    pub(crate) rows: Vec<Prepared>,
    pub(crate) organisations: Vec<Entity>,
    pub(crate) locations: Vec<Entity>,
}

/// Sorts the rows into services, organisations and locations. Rows that cannot be a
/// service (an empty name, a repeated id) are reported and left out.
pub(crate) fn prepare(
    grid: &Grid,
    binding: &Binding,
    source: &str,
    problems: &mut Vec<RecordProblem>,
    warnings: &mut Vec<RecordProblem>,
) -> Records {
    let mut records = Records::default();
    let mut organisations: HashMap<Id, usize> = HashMap::new();
    let mut locations: HashMap<Id, usize> = HashMap::new();
    let mut services: HashMap<Id, u64> = HashMap::new();
    let mut seen_rows: HashMap<Vec<&str>, u64> = HashMap::new();
    for (index, row) in grid.rows.iter().enumerate() {
        let cells: Vec<&str> = row.values.iter().map(|v| v.trim()).collect();
        if let Some(first) = seen_rows.get(&cells) {
            let message = format!("repeats line {first} exactly; it was imported once");
            warnings.push(grid.row_problem(row.line, String::new(), message));
            continue;
        }
        seen_rows.insert(cells, row.line);
        let mut report = |field, message| problems.push(grid.row_problem(row.line, field, message));
        let organisation_name = binding.value(Field::OrganisationName, row);
        let service_name = binding.value(Field::ServiceName, row);
        for (field, what) in [(Field::OrganisationName, &organisation_name), (Field::ServiceName, &service_name)] {
            if what.is_none() {
                let column = binding.label(field).unwrap_or_default();
                report(column, format!("is empty; every row needs {}", field.key().replace('_', " ")));
            }
        }
        let (Some(organisation_name), Some(service_name)) = (organisation_name, service_name) else { continue };
        let Ok(organisation_id) = id(binding, Field::OrganisationId, row, &mut report).map(|id| {
            id.unwrap_or_else(|| {
                Id::derived("wegwijs-sheet/organisation", &format!("{source}/{}", fold(&organisation_name.text)))
            })
        }) else {
            continue;
        };
        let Ok(service_id) = id(binding, Field::ServiceId, row, &mut report).map(|id| {
            id.unwrap_or_else(|| {
                Id::derived(
                    "wegwijs-sheet/service",
                    &format!("{source}/{organisation_id}/{}", fold(&service_name.text)),
                )
            })
        }) else {
            continue;
        };
        if let Some(first) = services.get(&service_id) {
            let message = if binding.is_mapped(Field::ServiceId) {
                format!(
                    "the service id {:?} is also used on line {first}; every row needs its own id",
                    service_id.as_str()
                )
            } else {
                format!(
                    "{:?} already has a service named {:?} on line {first}; give them different names, or map a \
                     service_id column",
                    organisation_name.text, service_name.text
                )
            };
            let column =
                binding.label(Field::ServiceId).or_else(|| binding.label(Field::ServiceName)).unwrap_or_default();
            report(column, message);
            continue;
        }
        services.insert(service_id.clone(), row.line);
        let organisation = *organisations.entry(organisation_id.clone()).or_insert_with(|| {
            let label = format!("organisation {:?}", organisation_name.text);
            let owner = records.organisations.len();
            records.organisations.push(Entity { id: organisation_id.clone(), label, owner, values: BTreeMap::new() });
            records.organisations.len() - 1
        });
        for field in ORGANISATION_FIELDS {
            if let Some(value) = joined(binding, field, row) {
                records.organisations[organisation].merge(field, value, row.line, grid, problems);
            }
        }
        let location = location_id(binding, row, source, &organisation_id, problems, grid).map(|location_id| {
            let at = *locations.entry(location_id.clone()).or_insert_with(|| {
                let label = format!("location of {:?} on line {}", organisation_name.text, row.line);
                records.locations.push(Entity { id: location_id, label, owner: organisation, values: BTreeMap::new() });
                records.locations.len() - 1
            });
            for field in LOCATION_FIELDS {
                if let Some(value) = joined(binding, field, row) {
                    records.locations[at].merge(field, value, row.line, grid, problems);
                }
            }
            at
        });
        let label = format!("{:?} ({})", service_name.text, organisation_name.text);
        records.rows.push(Prepared { row: index, service_id, organisation, location, label });
    }
    records
}

/// A field as one value; list fields joined with "; " so two rows can be compared.
fn joined(binding: &Binding, field: Field, row: &GridRow) -> Option<Value> {
    if field.combine() != Combine::List {
        return binding.value(field, row);
    }
    let values = binding.values(field, row);
    let first = values.first()?;
    let text = values.iter().map(|v| v.text.as_str()).collect::<Vec<_>>().join("; ");
    Some(Value { text, from: first.from.clone() })
}

/// The id in an id column: `Ok(None)` when there is none, `Err` when it is not an id.
fn id(
    binding: &Binding,
    field: Field,
    row: &GridRow,
    report: &mut impl FnMut(String, String),
) -> Result<Option<Id>, ()> {
    let Some(value) = binding.value(field, row) else { return Ok(None) };
    Id::parse(&value.text).map(Some).map_err(|error| report(value.from, format!("{:?}: {error}", value.text)))
}

/// The location a row describes, if it names one: its id column, or an id derived
/// from the organisation and the address (so one address is one location).
fn location_id(
    binding: &Binding,
    row: &GridRow,
    source: &str,
    organisation: &Id,
    problems: &mut Vec<RecordProblem>,
    grid: &Grid,
) -> Option<Id> {
    let mut report = |field, message| problems.push(grid.row_problem(row.line, field, message));
    match id(binding, Field::LocationId, row, &mut report) {
        Ok(Some(id)) => return Some(id),
        Err(()) => return None,
        Ok(None) => {}
    }
    let part = |field| binding.value(field, row).map(|v| fold(&v.text)).unwrap_or_default();
    let key = [Field::Address, Field::Street, Field::HouseNumber, Field::PostalCode].map(part).join("|");
    let key = if key.chars().all(|c| c == '|') {
        format!("{}|{}", part(Field::LocationName), part(Field::City))
    } else {
        key
    };
    (!key.chars().all(|c| c == '|'))
        .then(|| Id::derived("wegwijs-sheet/location", &format!("{source}/{organisation}/{key}")))
}
