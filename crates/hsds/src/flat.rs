//! The flat CSV export: one row per service, for mailings and research, in a file that
//! opens right in Dutch Excel (semicolons and a UTF-8 byte order mark) or in research
//! tools (commas, no mark).
//!
//! Cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading
//! `'`, so a spreadsheet shows them as text instead of running them as a formula (CSV
//! injection: a service description is written by outsiders). That includes phone
//! numbers, which are written internationally (`'+31252123456`); Excel would otherwise
//! turn them into a number and lose the `+`.

use crate::TermLookup;
use chrono::{DateTime, SecondsFormat, Utc};
use std::io::{self, Write};
use wegwijs_domain::{Location, Organisation, Service};

/// Which spreadsheet the file is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FlatSeparator {
    /// `;` with a UTF-8 byte order mark: Dutch Excel opens it by double-click, with
    /// every accent right. The default.
    #[default]
    Semicolon,
    /// `,` without a byte order mark: for R, pandas and other research tools.
    Comma,
}

/// What the flat export writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlatOptions {
    /// `;` for Dutch Excel (the command line's default) or `,` for research tools.
    pub separator: FlatSeparator,
    /// Adds a `professional_notes` column. Only for files that stay with
    /// professionals; without it the column is not there at all.
    pub include_professional: bool,
}

/// The columns, in order; `professional_notes` is added last when asked for.
const COLUMNS: [&str; 24] = [
    "service_id",
    "service_name",
    "summary",
    "status",
    "organisation_id",
    "organisation_name",
    "street",
    "postal_code",
    "city",
    "location_count",
    "phone",
    "email",
    "website",
    "themes",
    "target_groups",
    "min_age",
    "max_age",
    "costs",
    "funding",
    "referral",
    "verified_at",
    "verified_by",
    "last_changed",
    "url_path",
];

/// Writes services one at a time, so an export of 100k services never holds them all.
/// The bytes depend only on the services pushed and the options.
pub struct FlatCsvWriter<W: Write> {
    csv: csv::Writer<W>,
    options: FlatOptions,
}

impl<W: Write> FlatCsvWriter<W> {
    /// Starts the file: the byte order mark (for `;`) and the header row.
    pub fn new(mut inner: W, options: FlatOptions) -> io::Result<Self> {
        let delimiter = match options.separator {
            FlatSeparator::Semicolon => {
                inner.write_all(b"\xEF\xBB\xBF")?;
                b';'
            }
            FlatSeparator::Comma => b',',
        };
        let csv = csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::CRLF).from_writer(inner);
        let mut writer = Self { csv, options };
        let mut header: Vec<&str> = COLUMNS.to_vec();
        if options.include_professional {
            header.push("professional_notes");
        }
        writer.csv.write_record(&header)?;
        Ok(writer)
    }

    /// Writes one service. `organisation` is the service's organisation; `locations`
    /// must hold its first location for the address columns (others are ignored).
    /// Phone, e-mail and website fall back to the organisation's when the service has
    /// none: a mailing needs a way to reach it.
    pub fn push(
        &mut self,
        service: &Service,
        organisation: &Organisation,
        locations: &[Location],
        terms: &TermLookup,
    ) -> io::Result<()> {
        let address = service
            .locations
            .first()
            .and_then(|first| locations.iter().find(|l| l.id == first.location_id))
            .and_then(|location| location.address.as_ref());
        let phone = service.phones.first().or(organisation.phones.first()).map(|p| p.number.to_string());
        let email = service.email.as_ref().or(organisation.email.as_ref()).map(ToString::to_string);
        let website = service.url.as_ref().or(organisation.website.as_ref()).map(ToString::to_string);
        let themes: Vec<String> = service
            .terms
            .iter()
            .map(|id| terms.get(id).map_or_else(|| id.to_string(), |(term, _)| term.name.to_string()))
            .collect();
        let mut row: Vec<String> = vec![
            service.id.to_string(),
            service.name.to_string(),
            service.summary.clone(),
            service.status.as_hsds().to_owned(),
            organisation.id.to_string(),
            organisation.name.to_string(),
            address.map(|a| a.street.clone()).unwrap_or_default(),
            address.map(|a| a.postal_code.to_string()).unwrap_or_default(),
            address.map(|a| a.city.clone()).unwrap_or_default(),
            service.locations.len().to_string(),
            phone.unwrap_or_default(),
            email.unwrap_or_default(),
            website.unwrap_or_default(),
            themes.join("; "),
            service.eligibility.target_groups.iter().map(|g| g.code()).collect::<Vec<_>>().join("; "),
            service.eligibility.min_age.map(|age| age.to_string()).unwrap_or_default(),
            service.eligibility.max_age.map(|age| age.to_string()).unwrap_or_default(),
            costs(service),
            service.funding.iter().map(|f| f.code()).collect::<Vec<_>>().join("; "),
            service.referral.route.code().to_owned(),
            service.meta.verification.as_ref().map(|v| time(v.at)).unwrap_or_default(),
            service.meta.verification.as_ref().map(|v| v.by.as_str().to_owned()).unwrap_or_default(),
            time(service.meta.updated),
            format!("/diensten/{}", service.id),
        ];
        if self.options.include_professional {
            row.push(service.professional_notes.clone().unwrap_or_default());
        }
        let cells: Vec<_> = row.iter().map(|cell| inert(cell)).collect();
        self.csv.write_record(cells.iter().map(|cell| cell.as_bytes()))?;
        Ok(())
    }

    /// Flushes the file and gives the writer back.
    pub fn finish(self) -> io::Result<W> {
        self.csv.into_inner().map_err(|error| error.into_error())
    }
}

/// "Per maaltijd: € 7,50; Gratis voor minima", the way the website shows prices.
fn costs(service: &Service) -> String {
    let options = service.costs.iter().map(|cost| match (cost.amount_cents, &cost.amount_description) {
        (_, Some(words)) => format!("{}: {words}", cost.option),
        (Some(cents), None) => format!("{}: € {},{:02}", cost.option, cents / 100, cents % 100),
        (None, None) => cost.option.clone(),
    });
    options.chain(service.fees_description.clone()).collect::<Vec<_>>().join("; ")
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The cell as a spreadsheet will show it, never as a formula.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formula_starts_are_made_text_and_other_cells_are_left_alone() {
        for formula in ["=HYPERLINK(\"http://x\")", "+31252123456", "-1", "@SUM(A1)", "\t=1"] {
            assert_eq!(inert(formula), format!("'{formula}"));
        }
        assert_eq!(inert("Hulp bij post = fijn"), "Hulp bij post = fijn");
        assert_eq!(inert(""), "");
    }
}
