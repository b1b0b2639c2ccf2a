//! Reading one CSV file as people actually save them: UTF-8 with or without a byte
//! order mark, or Windows-1252 ("ANSI", what Dutch Excel writes by default); separated
//! by commas, semicolons (Dutch Excel's default, because the comma is the decimal
//! separator) or tabs. Both HSDS tabular packages and plain spreadsheets go through
//! here, so they accept the same files and report lines the same way.

use crate::{Place, RecordProblem};

/// One CSV file, decoded and split into rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    /// The file name used in reports.
    pub(crate) file: String,
    /// Column names as written in the header (trimmed).
    pub(crate) headers: Vec<String>,
    /// The data rows, in file order.
    pub(crate) rows: Vec<Row>,
    /// The separator found.
    pub(crate) delimiter: u8,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// 1-based line the row starts on (the header is line 1).
    pub(crate) line: u64,
    /// One value per header (missing trailing values are empty).
    pub(crate) values: Vec<String>,
}

impl Table {
    /// The place of `row`, for reports.
    pub(crate) fn place(&self, row: &Row) -> Place {
        Place { file: self.file.clone(), line: row.line }
    }
}

impl Row {
    /// The value in column `index`, trimmed; `None` when empty.
    pub(crate) fn get(&self, index: Option<usize>) -> Option<&str> {
        let value = self.values.get(index?)?.trim();
        (!value.is_empty()).then_some(value)
    }
}

/// How a file's bytes were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    /// Not valid UTF-8; read as Windows-1252, a superset of Latin-1.
    Windows1252,
}

/// The text of a file: a leading byte order mark is dropped; bytes that are not UTF-8
/// are read as Windows-1252, which every byte sequence is, so this never fails. The
/// caller warns about Windows-1252, because a file in some third encoding would be
/// misread without an error.
pub(crate) fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
}

/// The separator of a CSV file, from its header line: the candidate that occurs most
/// often outside quotes; a comma when the header has a single column.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let header = header_line(text);
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(count) = counts.iter_mut().find(|(d, _)| *d == byte) {
            count.1 += 1;
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(d, _)| *d)
}

/// The first line, up to a newline outside quotes.
fn header_line(text: &str) -> &str {
    let mut quoted = false;
    for (at, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => return &text[..at],
            _ => {}
        }
    }
    text
}

/// Reads `bytes` as a CSV table named `file`. A warning goes to `warnings` when the
/// file was not UTF-8. Fails (with the file and line) when the CSV itself is broken,
/// e.g. a quote that never closes, or when there is no header.
pub(crate) fn read(file: &str, bytes: &[u8], warnings: &mut Vec<RecordProblem>) -> Result<Table, RecordProblem> {
    let (text, encoding) = decode(bytes);
    if encoding == Encoding::Windows1252 {
        warnings.push(RecordProblem {
            place: Some(Place { file: file.to_owned(), line: 1 }),
            record: file.to_owned(),
            field: String::new(),
            message: "the file is not UTF-8; it was read as Windows-1252 (what Excel calls ANSI). \
                      Check that letters such as é and ë came through right"
                .to_owned(),
        });
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(text.as_bytes());
    let broken = |line: u64, message: String| RecordProblem {
        place: Some(Place { file: file.to_owned(), line }),
        record: file.to_owned(),
        field: String::new(),
        message,
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|error| broken(1, format!("the header line cannot be read: {error}")))?
        .iter()
        .map(|header| header.trim().to_owned())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(broken(1, "the file is empty or has no header line with column names".to_owned()));
    }
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(&text);
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map_or(0, |p| lines.line_at(p.byte()));
            broken(line, format!("the file cannot be read from here on: {error}"))
        })?;
        if record.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let mut values: Vec<String> = record.iter().map(str::to_owned).collect();
        if values.len() > headers.len() {
            return Err(broken(
                line,
                format!(
                    "this line has {} values but the header names {} columns; is a separator inside a value \
                     without quotes around it?",
                    values.len(),
                    headers.len()
                ),
            ));
        }
        values.resize(headers.len(), String::new());
        rows.push(Row { line, values });
    }
    Ok(Table { file: file.to_owned(), headers, rows, delimiter })
}

/// Line numbers from byte offsets. The csv crate's own line count skips blank lines
/// and is one behind after `\r\n` endings (what Excel writes), so a problem would
/// point an editor at the wrong line; counting the newlines ourselves is exact.
struct LineCounter<'t> {
    text: &'t [u8],
    counted_to: usize,
    /// 1-based line at `counted_to`.
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        Self { text: text.as_bytes(), counted_to: 0, line: 1 }
    }

    /// The line a record starting at `byte` is on. A record's position may point at
    /// the line ending before it, so line endings there are stepped over first.
    /// Offsets only grow while a file is read, so each byte is counted once.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        while at < self.text.len() && matches!(self.text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at > self.counted_to {
            self.line += self.text[self.counted_to..at].iter().filter(|&&b| b == b'\n').count() as u64;
            self.counted_to = at;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(bytes: &[u8]) -> (Table, Vec<RecordProblem>) {
        let mut warnings = Vec::new();
        let table = read("t.csv", bytes, &mut warnings).unwrap();
        (table, warnings)
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_column_name() {
        let (table, warnings) = table(b"\xEF\xBB\xBFid,name\n1,Voedselbank\n");
        assert_eq!(table.headers, ["id", "name"]);
        assert!(warnings.is_empty());
    }

    #[test]
    fn dutch_excel_files_with_semicolons_and_latin_1_are_read_with_a_warning() {
        // "Café" in Windows-1252, and a decimal comma inside a value.
        let (table, warnings) = table(b"naam;prijs\nCaf\xe9 de Kroon;2,50\n");
        assert_eq!(table.delimiter, b';');
        assert_eq!(table.rows[0].values, ["Café de Kroon", "2,50"]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("Windows-1252"));
    }

    #[test]
    fn tabs_are_found_and_quoted_separators_do_not_count() {
        assert_eq!(sniff_delimiter("\"a;b;c\"\tb\n"), b'\t');
        assert_eq!(sniff_delimiter("one\n"), b',');
    }

    #[test]
    fn lines_count_from_the_header_and_survive_newlines_inside_values() {
        let (table, _) = table(b"id,description\n1,\"two\nlines\"\n\n2,plain\n");
        let lines: Vec<u64> = table.rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, [2, 5]);
    }

    #[test]
    fn windows_line_endings_do_not_shift_the_line_numbers() {
        let (table, _) = table(b"id;name\r\n1;a\r\n\r\n2;\"b\r\nb\"\r\n3;c\r\n");
        let lines: Vec<u64> = table.rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, [2, 4, 6]);
    }

    #[test]
    fn a_row_with_too_many_values_is_refused_with_its_line() {
        let mut warnings = Vec::new();
        let error = read("t.csv", b"id,name\n1,a\n2,b,c\n", &mut warnings).unwrap_err();
        assert_eq!(error.place, Some(Place { file: "t.csv".into(), line: 3 }));
    }

    #[test]
    fn an_empty_file_is_refused() {
        let mut warnings = Vec::new();
        assert!(read("t.csv", b"", &mut warnings).is_err());
    }
}
