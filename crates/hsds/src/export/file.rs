//! Writing an HSDS JSON file: an array of service objects, one per line, streamed so
//! that an export of 200,000 services never holds the whole file in memory. Every
//! export goes through here, so two exports of the same data are the same bytes.

use std::io::{self, Write};

/// Writes services one at a time as a JSON array.
pub struct HsdsFileWriter<W: Write> {
    out: W,
    count: u64,
}

impl<W: Write> HsdsFileWriter<W> {
    /// Starts the array.
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(Self { out, count: 0 })
    }

    /// Appends one service object (as made by `service_to_hsds`).
    pub fn push(&mut self, service: &serde_json::Value) -> io::Result<()> {
        self.out.write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, service)?;
        self.count += 1;
        Ok(())
    }

    /// Closes the array; returns the writer and how many services were written.
    pub fn finish(mut self) -> io::Result<(W, u64)> {
        self.out.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        Ok((self.out, self.count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(values: &[serde_json::Value]) -> String {
        let mut writer = HsdsFileWriter::new(Vec::new()).unwrap();
        for value in values {
            writer.push(value).unwrap();
        }
        String::from_utf8(writer.finish().unwrap().0).unwrap()
    }

    #[test]
    fn an_empty_export_is_an_empty_array() {
        assert_eq!(written(&[]), "[]\n");
    }

    #[test]
    fn services_are_one_per_line_in_a_valid_array() {
        let text = written(&[serde_json::json!({"id": "a"}), serde_json::json!({"id": "b"})]);
        assert_eq!(text, "[\n{\"id\":\"a\"},\n{\"id\":\"b\"}\n]\n");
        let parsed: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed.len(), 2);
    }
}
