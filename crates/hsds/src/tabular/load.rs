//! Reads one CSV file of a package into typed rows: every cell through its column's
//! type, unknown columns reported once, and duplicate rows caught with both lines.

use super::tables::Record;
use super::value::{Converted, FieldType, Hints, convert};
use crate::import::Collector;
use crate::{Place, RecordProblem, table};
use std::collections::HashMap;

/// What to do with one column of a file.
#[derive(Debug, Clone)]
pub(crate) struct ColumnPlan {
    /// The HSDS 3.0 column (or mapping key) the value is kept under.
    pub(crate) key: &'static str,
    pub(crate) ty: FieldType,
    pub(crate) hints: Hints,
}

/// Reads `file` as rows of `table` (its name, for reports). `plan` says, per header,
/// where the column goes; `None` is a column with no place, reported once. Returns
/// `None` when the file cannot be read as CSV at all (the problem is reported).
pub(crate) fn load(
    table: &str,
    file: &str,
    bytes: &[u8],
    plan: impl Fn(&str) -> Option<ColumnPlan>,
    collector: &mut Collector,
) -> Option<Vec<Record>> {
    let mut warnings = Vec::new();
    let bytes = utf16_as_utf8(file, bytes, &mut warnings);
    let bytes = unix_line_ends(&bytes);
    if let Some(line) = unclosed_quote(&bytes) {
        warnings.into_iter().for_each(|w| collector.warn(w));
        collector.problem(RecordProblem {
            place: Some(Place { file: file.to_owned(), line }),
            record: file.to_owned(),
            field: String::new(),
            message: "a quote (\") opens a value here and is never closed, so every line after it would be read as \
                      part of that value; close the quote or remove it"
                .to_owned(),
        });
        return None;
    }
    let read = table::read(file, &bytes, &mut warnings);
    warnings.into_iter().for_each(|w| collector.warn(w));
    let csv = match read {
        Ok(csv) => csv,
        Err(problem) => {
            collector.problem(problem);
            return None;
        }
    };
    let plans = plan_columns(file, &csv.headers, &plan, collector);
    warn_unplaced(&csv, &plans, &plan, collector);
    let mut zone_dropped = vec![false; plans.len()];
    let mut records: Vec<Record> = Vec::with_capacity(csv.rows.len());
    let mut seen = Seen::default();
    let shared_name: std::rc::Rc<str> = file.into();
    for row in &csv.rows {
        let place = csv.place(row);
        let mut record = Record::new(shared_name.clone(), row.line);
        let mut problems = Vec::new();
        for (index, plan) in plans.iter().enumerate() {
            let (Some(plan), Some(raw)) = (plan, row.get(Some(index))) else { continue };
            match convert(plan.ty, raw, &plan.hints) {
                Ok(Converted { value, zone_dropped: dropped }) => {
                    zone_dropped[index] |= dropped;
                    record.set(plan.key, value);
                }
                Err(message) => problems.push((csv.headers[index].clone(), message)),
            }
        }
        for (field, message) in problems {
            let record_label = record.label(table);
            collector.problem(RecordProblem { place: Some(place.clone()), record: record_label, field, message });
        }
        if seen.keep(&row.values, &record, table, &records, collector) {
            records.push(record);
        }
    }
    for (index, dropped) in zone_dropped.into_iter().enumerate() {
        if dropped {
            collector.warn(RecordProblem {
                place: Some(Place { file: file.to_owned(), line: 1 }),
                record: file.to_owned(),
                field: csv.headers[index].clone(),
                message: "times carry a time zone, which was left out: Wegwijs reads opening hours as Dutch local \
                          time"
                    .to_owned(),
            });
        }
    }
    Some(records)
}

/// Reports each column with no place that holds a value; an empty one loses nothing
/// (old exports carry every column of their specification, mostly empty).
fn warn_unplaced(
    csv: &table::Table,
    plans: &[Option<ColumnPlan>],
    plan: &impl Fn(&str) -> Option<ColumnPlan>,
    collector: &mut Collector,
) {
    for (index, header) in csv.headers.iter().enumerate() {
        if plans[index].is_some() || header.is_empty() || plan(header).is_some() {
            continue;
        }
        if let Some(row) = csv.rows.iter().find(|row| row.get(Some(index)).is_some()) {
            collector.warn(RecordProblem {
                place: Some(csv.place(row)),
                record: csv.file.clone(),
                field: header.clone(),
                message: "this column has no place in HSDS or Wegwijs; its values are ignored".to_owned(),
            });
        }
    }
}

/// The plan of each header; a header named twice is reported once.
fn plan_columns(
    file: &str,
    headers: &[String],
    plan: &impl Fn(&str) -> Option<ColumnPlan>,
    collector: &mut Collector,
) -> Vec<Option<ColumnPlan>> {
    let mut taken: Vec<&'static str> = Vec::new();
    headers
        .iter()
        .map(|header| {
            let warn = |collector: &mut Collector, message: &str| {
                collector.warn(RecordProblem {
                    place: Some(Place { file: file.to_owned(), line: 1 }),
                    record: file.to_owned(),
                    field: header.clone(),
                    message: message.to_owned(),
                })
            };
            if header.is_empty() {
                return None;
            }
            match plan(header) {
                None => None,
                Some(plan) if taken.contains(&plan.key) => {
                    warn(collector, "this column appears twice; only the first is read");
                    None
                }
                Some(plan) => {
                    taken.push(plan.key);
                    Some(plan)
                }
            }
        })
        .collect()
}

/// Rows seen so far, to find repeats: by id, and by their whole content.
#[derive(Default)]
struct Seen {
    /// Id → (line, index in the kept records).
    ids: HashMap<String, (u64, usize)>,
    /// Row text → line, for rows without an id.
    rows: HashMap<Vec<String>, u64>,
}

impl Seen {
    /// Whether to keep `record`; a repeat is reported (a warning when it is the same
    /// row again, a problem when the same id has other values).
    fn keep(
        &mut self,
        raw: &[String],
        record: &Record,
        table: &str,
        kept: &[Record],
        collector: &mut Collector,
    ) -> bool {
        let place = record.place();
        let earlier = match record.id() {
            Some(id) => self.ids.get(id).map(|&(line, at)| (line, Some(at))),
            None => {
                let trimmed: Vec<String> = raw.iter().map(|v| v.trim().to_owned()).collect();
                self.rows.get(&trimmed).map(|&line| (line, None))
            }
        };
        let Some((line, at)) = earlier else {
            match record.id() {
                Some(id) => {
                    self.ids.insert(id.to_owned(), (place.line, kept.len()));
                }
                None => {
                    self.rows.insert(raw.iter().map(|v| v.trim().to_owned()).collect(), place.line);
                }
            }
            return true;
        };
        let same = at.is_none_or(|at| kept[at].same_values(record));
        let report = RecordProblem {
            place: Some(place),
            record: record.label(table),
            field: if at.is_some() { "id".to_owned() } else { String::new() },
            message: if same {
                format!("this row repeats line {line}; it is read once")
            } else {
                format!("line {line} has the same id with other values; an id must name one row")
            },
        };
        if same {
            collector.warn(report)
        } else {
            collector.problem(report)
        }
        false
    }
}

/// The line on which a quoted value starts that the file never closes. The `csv`
/// crate reads such a value to the end of the file without an error, so the rows after
/// it would vanish into one cell. Quotes and separators are ASCII, so the bytes of a
/// UTF-8 or Windows-1252 file can be scanned as they are.
fn unclosed_quote(bytes: &[u8]) -> Option<u64> {
    let header_end = bytes.iter().position(|b| *b == b'\n').unwrap_or(bytes.len());
    let delimiter = table::sniff_delimiter(&String::from_utf8_lossy(&bytes[..header_end]));
    let (mut line, mut opened_on, mut quoted, mut field_start) = (1u64, 0u64, false, true);
    let mut iter = bytes.iter().peekable();
    while let Some(&byte) = iter.next() {
        if quoted {
            match byte {
                b'"' if iter.next_if_eq(&&b'"').is_some() => {}
                b'"' => quoted = false,
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' if field_start => {
                quoted = true;
                opened_on = line;
            }
            b'\n' => line += 1,
            _ => {}
        }
        field_start = byte == delimiter || byte == b'\n';
    }
    quoted.then_some(opened_on)
}

/// CRLF (what Excel and the official HSDS examples write) and lone CR as LF, so a line
/// break inside a quoted cell is imported as `\n` whatever wrote the file, and a file
/// with lone CR endings still gets line numbers ([`table::read`] and [`unclosed_quote`]
/// count `\n`; CRLF lines `table::read` counts right by itself). Both bytes are ASCII,
/// so this is safe in UTF-8 and in Windows-1252.
fn unix_line_ends(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !bytes.contains(&b'\r') {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut iter = bytes.iter().peekable();
    while let Some(&byte) = iter.next() {
        if byte == b'\r' {
            iter.next_if_eq(&&b'\n');
            out.push(b'\n');
        } else {
            out.push(byte);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Excel's "Unicode text" is UTF-16 with a byte order mark; the CSV reader wants UTF-8.
fn utf16_as_utf8<'b>(file: &str, bytes: &'b [u8], warnings: &mut Vec<RecordProblem>) -> std::borrow::Cow<'b, [u8]> {
    let encoding = match bytes {
        [0xFF, 0xFE, ..] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF, ..] => encoding_rs::UTF_16BE,
        _ => return std::borrow::Cow::Borrowed(bytes),
    };
    let (text, _, malformed) = encoding.decode(bytes);
    warnings.push(RecordProblem {
        place: Some(Place { file: file.to_owned(), line: 1 }),
        record: file.to_owned(),
        field: String::new(),
        message: if malformed {
            "the file is UTF-16 (Excel's \"Unicode text\") with bytes that are no text; check the letters".to_owned()
        } else {
            "the file is UTF-16 (Excel's \"Unicode text\"); it was read as such".to_owned()
        },
    });
    std::borrow::Cow::Owned(text.into_owned().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportContext;
    use serde_json::json;

    fn collector() -> Collector {
        Collector::new(ImportContext { now: chrono::Utc::now(), source_name: "test".into() })
    }

    fn plan(header: &str) -> Option<ColumnPlan> {
        let (key, ty) = match header {
            "id" => ("id", FieldType::Text),
            "name" => ("name", FieldType::Text),
            "amount" => ("amount", FieldType::Number),
            _ => return None,
        };
        Some(ColumnPlan { key, ty, hints: Hints::default() })
    }

    fn problems(collector: Collector) -> Vec<RecordProblem> {
        match collector.finish() {
            Ok(_) => Vec::new(),
            Err(crate::ImportError::Invalid(problems)) => problems,
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn cells_are_typed_and_unknown_columns_are_reported_once() {
        let mut collector = collector();
        let records =
            load("cost option", "c.csv", b"id;amount;kleur\n1;2,50;rood\n2;3;blauw\n", plan, &mut collector).unwrap();
        assert_eq!(records[0].get("amount"), Some(&json!(2.5)));
        assert_eq!(records[1].get("amount"), Some(&json!(3)));
        assert!(records[0].get("kleur").is_none());
        let batch = collector.finish().unwrap();
        assert_eq!(batch.warnings.len(), 1);
        assert_eq!(batch.warnings[0].field, "kleur");
        assert_eq!(batch.warnings[0].place, Some(Place { file: "c.csv".into(), line: 2 }));
    }

    #[test]
    fn an_empty_column_without_a_place_is_not_reported() {
        let mut collector = collector();
        load("cost option", "c.csv", b"id,kleur\n1,\n2, \n", plan, &mut collector).unwrap();
        assert!(collector.finish().unwrap().warnings.is_empty());
    }

    #[test]
    fn a_bad_cell_is_a_problem_at_its_line_and_column() {
        let mut collector = collector();
        load("cost option", "c.csv", b"id,amount\n1,2\n2,twee\n", plan, &mut collector).unwrap();
        let problems = problems(collector);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].place, Some(Place { file: "c.csv".into(), line: 3 }));
        assert_eq!((problems[0].field.as_str(), problems[0].record.as_str()), ("amount", "cost option \"2\""));
    }

    #[test]
    fn a_repeated_row_is_read_once_with_a_warning_and_a_reused_id_is_a_problem() {
        let mut collector = collector();
        let records = load("t", "t.csv", b"id,name\n1,Anna\n2,Bert\n1,Anna\n2,Bart\n", plan, &mut collector).unwrap();
        assert_eq!(records.len(), 2);
        let problems = problems(collector);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].place.as_ref().unwrap().line, 5);
        assert!(problems[0].message.contains("line 3"), "{}", problems[0].message);
    }

    #[test]
    fn repeated_rows_without_id_are_caught_by_their_content() {
        let mut collector = collector();
        let records = load("t", "t.csv", b"name,amount\nAnna,1\nAnna, 1\n", plan, &mut collector).unwrap();
        assert_eq!(records.len(), 1);
        let batch = collector.finish().unwrap();
        assert!(batch.warnings[0].message.contains("repeats line 2"));
    }

    #[test]
    fn lines_of_crlf_files_are_the_lines_an_editor_sees() {
        let mut collector = collector();
        let records =
            load("t", "t.csv", b"id,name\r\n1,Anna\r\n2,\"Bert\r\nde Vries\"\r\n3,Cor\r\n", plan, &mut collector);
        let records = records.unwrap();
        let lines: Vec<u64> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5]);
        assert_eq!(records[1].get("name"), Some(&json!("Bert\nde Vries")));
    }

    #[test]
    fn a_quote_that_never_closes_is_a_problem_at_the_line_it_opens() {
        assert_eq!(unclosed_quote(b"id,text\n1,\"a\n2,b\n3,c\n"), Some(2));
        assert_eq!(unclosed_quote(b"id;text\n1;\"a;\"\"quoted\"\"\nline\"\n2;5\" inch\n"), None);
        assert_eq!(unclosed_quote(b"id,text\n1,plain\n"), None);
        let mut collector = collector();
        assert!(load("t", "t.csv", b"id,name\n1,\"Anna\n2,Bert\n", plan, &mut collector).is_none());
        let problems = problems(collector);
        assert_eq!(problems[0].place, Some(Place { file: "t.csv".into(), line: 2 }));
    }

    #[test]
    fn utf16_files_from_excel_are_read() {
        let text = "id,name\r\n1,Caf\u{e9}\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut collector = collector();
        let records = load("t", "t.csv", &bytes, plan, &mut collector).unwrap();
        assert_eq!(records[0].get("name"), Some(&json!("Café")));
        assert!(collector.finish().unwrap().warnings[0].message.contains("UTF-16"));
    }
}
