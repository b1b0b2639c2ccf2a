//! One worksheet of an Excel workbook (.xlsx) as a grid of text. Cells keep the
//! meaning people see in Excel: whole numbers without ".0", dates as dates (Excel
//! stores them as day numbers), and error values such as `#N/A` reported, not imported.

use super::grid::{Grid, GridRow, file_problem};
use super::text::fold;
use crate::RecordProblem;
use calamine::{Data, ExcelDateTime, Reader, Xlsx};
use std::io::Cursor;

pub(crate) fn read(
    file_name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    problems: &mut Vec<RecordProblem>,
) -> Result<Grid, RecordProblem> {
    let broken = |error: calamine::XlsxError| {
        file_problem(file_name, &format!("the Excel file cannot be read ({error}); is it damaged or protected?"))
    };
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(broken)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|name| fold(name) == fold(wanted)).cloned().ok_or_else(|| {
            file_problem(
                file_name,
                &format!("the mapping names the sheet {wanted:?}, but the workbook has only {}", quoted(&names)),
            )
        })?,
        None => names.first().cloned().ok_or_else(|| file_problem(file_name, "the workbook has no sheets"))?,
    };
    let range = book.worksheet_range(&name).map_err(broken)?;
    let label = format!("{file_name} [{name}]");
    let Some((first_row, first_column)) = range.start() else {
        return Err(file_problem(&label, "the sheet is empty; the first row must hold the column names"));
    };
    let mut rows = range.rows().enumerate();
    let headers: Vec<String> = match rows.next() {
        Some((_, cells)) => cells.iter().map(|cell| text(cell).trim().to_owned()).collect(),
        None => Vec::new(),
    };
    let header_line = u64::from(first_row) + 1;
    let mut grid = Grid { label, header_line, headers, first_column: first_column as usize, rows: Vec::new() };
    for (index, cells) in rows {
        let line = u64::from(first_row) + index as u64 + 1;
        let mut values = Vec::with_capacity(cells.len());
        for (column, cell) in cells.iter().enumerate() {
            if let Data::Error(error) = cell {
                let message = format!(
                    "cell {}{line} shows the Excel error {error}; fix the formula or type the value",
                    grid.letter(column)
                );
                problems.push(grid.row_problem(line, grid.headers.get(column).cloned().unwrap_or_default(), message));
            }
            values.push(text(cell));
        }
        if values.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        grid.rows.push(GridRow { line, values });
    }
    Ok(grid)
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|name| format!("{name:?}")).collect::<Vec<_>>().join(", ")
}

/// A cell as the text a person would type for it.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Bool(yes) => if *yes { "ja" } else { "nee" }.to_owned(),
        Data::DateTime(at) => date_time(at),
    }
}

/// An Excel date as ISO text: `2025-12-31`, `2025-12-31T10:30:00`, or `10:30` for a
/// cell that holds only a time of day.
fn date_time(at: &ExcelDateTime) -> String {
    let (year, month, day, hour, minute, second, _) = at.to_ymd_hms_milli();
    if at.is_duration() || at.as_f64() < 1.0 {
        return format!("{hour:02}:{minute:02}");
    }
    if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn numbers_and_dates_read_as_people_typed_them() {
        assert_eq!(text(&Data::Float(18.0)), "18");
        assert_eq!(text(&Data::Float(2.5)), "2.5");
        assert_eq!(text(&Data::Bool(false)), "nee");
        // 46022 is 2025-12-31 in Excel's 1900 date system.
        let date = ExcelDateTime::new(46022.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(date)), "2025-12-31");
        let time = ExcelDateTime::new(0.375, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(time)), "09:00");
    }

    #[test]
    fn a_damaged_workbook_is_refused_with_the_file_name() {
        let error = read("aanbod.xlsx", b"PK\x03\x04 not really a zip", None, &mut Vec::new()).unwrap_err();
        assert!(error.message.contains("cannot be read"), "{error}");
        assert_eq!(error.record, "aanbod.xlsx");
    }
}
