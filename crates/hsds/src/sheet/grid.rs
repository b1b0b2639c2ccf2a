//! The sheet as a grid of text, whatever file it came from: a CSV export (through
//! [`crate::table`]) or an Excel workbook. Other formats are refused with the advice
//! to save the file as .xlsx or CSV, which every spreadsheet program can do.

use super::workbook;
use crate::{Place, RecordProblem};

/// A header row and the data rows under it, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grid {
    /// How reports name the file: `aanbod.csv`, or `aanbod.xlsx [Aanbod]`.
    pub(crate) label: String,
    /// The line or row number of the header.
    pub(crate) header_line: u64,
    /// Column headers, trimmed.
    pub(crate) headers: Vec<String>,
    /// 0-based spreadsheet column of the first header (a sheet may start at column B).
    pub(crate) first_column: usize,
    /// Non-empty data rows, one value per header.
    pub(crate) rows: Vec<GridRow>,
}

/// One data row and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GridRow {
    /// The CSV line the row starts on, or the spreadsheet's row number.
    pub(crate) line: u64,
    pub(crate) values: Vec<String>,
}

impl Grid {
    pub(crate) fn place(&self, line: u64) -> Place {
        Place { file: self.label.clone(), line }
    }

    /// A problem or warning about the row on `line`, in `field` (a column header).
    pub(crate) fn row_problem(&self, line: u64, field: String, message: String) -> RecordProblem {
        RecordProblem { place: Some(self.place(line)), record: format!("row {line}"), field, message }
    }

    /// The spreadsheet letter of column `index`: what the editor sees in Excel.
    pub(crate) fn letter(&self, index: usize) -> String {
        super::text::column_letter(self.first_column + index)
    }
}

/// What a file is, going by its name and, where the name lies, its first bytes.
enum Kind {
    Csv,
    Xlsx,
}

/// Reads `bytes` of the file called `file_name`. Problems in single cells (an Excel
/// error value) go to `problems`; a file that cannot be read at all is the error.
pub(crate) fn read(
    file_name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    warnings: &mut Vec<RecordProblem>,
    problems: &mut Vec<RecordProblem>,
) -> Result<Grid, RecordProblem> {
    match kind(file_name, bytes)? {
        Kind::Csv => {
            if let Some(sheet) = sheet {
                warnings.push(file_problem(
                    file_name,
                    &format!("the mapping names the sheet {sheet:?}, but a CSV file has no sheets; it was ignored"),
                ));
            }
            let (bytes, skipped) = without_separator_line(bytes);
            let table = crate::table::read(file_name, &bytes, warnings).map_err(|mut problem| {
                if let Some(place) = problem.place.as_mut() {
                    place.line += skipped;
                }
                problem
            })?;
            Ok(Grid {
                label: table.file,
                header_line: 1 + skipped,
                headers: table.headers,
                first_column: 0,
                rows: table
                    .rows
                    .into_iter()
                    .map(|row| GridRow { line: row.line + skipped, values: row.values })
                    .collect(),
            })
        }
        Kind::Xlsx => workbook::read(file_name, bytes, sheet, problems),
    }
}

/// The file without the `sep=;` line Excel puts above the header when asked to (and
/// reads as "use this separator"), and how many lines that removed.
fn without_separator_line(bytes: &[u8]) -> (std::borrow::Cow<'_, [u8]>, u64) {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let text = if bom { &bytes[3..] } else { bytes };
    let Some(rest) = text.strip_prefix(b"sep=").or_else(|| text.strip_prefix(b"SEP=")) else {
        return (bytes.into(), 0);
    };
    let Some(end) = rest.iter().position(|&b| b == b'\n').filter(|&end| end <= 2) else { return (bytes.into(), 0) };
    let mut kept = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    kept.extend_from_slice(&rest[end + 1..]);
    (kept.into(), 1)
}

fn kind(file_name: &str, bytes: &[u8]) -> Result<Kind, RecordProblem> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0";
    let extension = file_name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    let refuse = |what: &str| {
        Err(file_problem(
            file_name,
            &format!("{what} cannot be read; open it in your spreadsheet program and save it as Excel (.xlsx) or CSV"),
        ))
    };
    match extension.as_str() {
        "csv" | "tsv" | "txt" if bytes.starts_with(ZIP) => {
            refuse("this is an Excel or OpenDocument workbook with a .csv name, which")
        }
        "csv" | "tsv" | "txt" if bytes.starts_with(OLE) => refuse("this is an old Excel (.xls) workbook, which"),
        "csv" | "tsv" | "txt" => Ok(Kind::Csv),
        "xlsx" | "xlsm" if bytes.starts_with(OLE) => {
            refuse("this is an old Excel (.xls) workbook or an encrypted one (save it without a password), which")
        }
        "xlsx" | "xlsm" => Ok(Kind::Xlsx),
        "xls" => refuse("an old Excel file (.xls)"),
        "ods" => refuse("an OpenDocument spreadsheet (.ods)"),
        "xlsb" => refuse("a binary Excel file (.xlsb)"),
        "numbers" => refuse("a Numbers file"),
        "" => refuse("a file without .csv or .xlsx at the end of its name"),
        other => refuse(&format!("a .{other} file")),
    }
}

/// A problem with the file as a whole.
pub(crate) fn file_problem(file: &str, message: &str) -> RecordProblem {
    RecordProblem {
        place: Some(Place { file: file.to_owned(), line: 1 }),
        record: file.to_owned(),
        field: String::new(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(name: &str, bytes: &[u8]) -> String {
        match read(name, bytes, None, &mut Vec::new(), &mut Vec::new()) {
            Err(problem) => problem.message,
            Ok(grid) => panic!("{name} was read: {grid:?}"),
        }
    }

    #[test]
    fn other_spreadsheet_formats_are_refused_with_advice() {
        for name in ["aanbod.xls", "aanbod.ods", "aanbod.numbers", "aanbod"] {
            assert!(refused(name, b"x").contains("save it as Excel (.xlsx) or CSV"), "{name}");
        }
        assert!(refused("aanbod.csv", b"PK\x03\x04rest").contains("with a .csv name"));
        assert!(refused("aanbod.csv", b"\xD0\xCF\x11\xE0rest").contains(".xls"));
    }

    #[test]
    fn a_csv_file_becomes_a_grid_with_its_lines() {
        let grid =
            read("a.csv", b"Naam;Plaats\nA;Sassenheim\nB;Warmond\n", None, &mut Vec::new(), &mut Vec::new()).unwrap();
        assert_eq!(grid.headers, ["Naam", "Plaats"]);
        assert_eq!(grid.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(grid.letter(1), "B");
    }

    #[test]
    fn an_excel_separator_line_above_the_header_is_skipped_and_lines_still_count_from_the_top() {
        let bytes = b"sep=;\nNaam;Plaats\nA;Sassenheim\n";
        let grid = read("a.csv", bytes, None, &mut Vec::new(), &mut Vec::new()).unwrap();
        assert_eq!(grid.header_line, 2);
        assert_eq!(grid.headers, ["Naam", "Plaats"]);
        assert_eq!(grid.rows[0].line, 3);
    }
}
