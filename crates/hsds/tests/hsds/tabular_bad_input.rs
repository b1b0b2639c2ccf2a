//! Tabular packages as municipalities and partners really send them — saved from
//! Dutch Excel in three encodings, with day-first dates and decimal commas — and as
//! they go wrong: repeated rows, ids that point nowhere, a quote that never closes, and
//! zip files built to hurt the reader. Every failure is an `ImportError` naming file,
//! line and column; nothing panics and nothing is half read.

use crate::fixtures::{at, context};
use crate::tabular_legacy::{copy_tables, fixture};
use chrono::{NaiveDate, Weekday};
use std::io::Write;
use std::path::Path;
use wegwijs_domain::schedule::{ExceptionHours, TimeOfDay};
use wegwijs_domain::{ReferralRoute, TargetGroup};
use wegwijs_hsds::{ImportBatch, ImportError, PackageLimits, RecordProblem, read_package, read_package_with_limits};

fn import(path: &Path) -> ImportBatch {
    read_package(path, &context()).unwrap_or_else(|error| panic!("{error}"))
}

fn problems(path: &Path) -> Vec<RecordProblem> {
    match read_package(path, &context()) {
        Err(ImportError::Invalid(problems)) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

/// Problems as `file line N: field: message`.
fn lines(problems: &[RecordProblem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| format!("{}: {}: {}", p.place.as_ref().map_or(String::new(), ToString::to_string), p.field, p.message))
        .collect()
}

/// A copy of the fixture `name` in a new folder, with `edit` applied to one file.
fn edited(name: &str, file: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    copy_tables(&fixture(name), folder.path(), |_| true);
    let path = folder.path().join(file);
    let text = String::from_utf8(std::fs::read(&path).unwrap()).expect("edited fixtures are UTF-8 or ASCII");
    std::fs::write(&path, edit(text)).unwrap();
    folder
}

#[test]
fn a_dutch_excel_package_is_read_with_its_encodings_decimal_commas_and_day_first_dates() {
    let batch = import(&fixture("excel-nl"));
    let cafe = &batch.services[0];
    // Windows-1252 "é" and "€".
    assert_eq!(cafe.name.as_ref(), "Café Samen");
    assert_eq!(cafe.fees_description.as_deref(), Some("Koffie € 1,50"));
    // 31-12-2025 and "31-12-2025 14:30".
    assert_eq!(cafe.meta.verification.as_ref().unwrap().at, at(2025, 12, 31, 0));
    assert_eq!(cafe.meta.updated, at(2025, 12, 31, 14) + chrono::Duration::minutes(30));
    // 1,50 and 7,50.
    let cents: Vec<Option<u32>> = cafe.costs.iter().map(|c| c.amount_cents).collect();
    assert_eq!(cents, [Some(150), Some(750)]);
    // WAAR, and 9.30 as a time.
    assert!(cafe.opening_hours.closed_on_public_holidays());
    let wednesday = &cafe.opening_hours.weekly()[0];
    assert_eq!((wednesday.weekday, wednesday.opens), (Weekday::Wed, TimeOfDay::parse("09:30").unwrap()));
    // 25-12-2025 with "ja" for closed.
    let christmas = &cafe.opening_hours.exceptions()[0];
    assert_eq!(
        (christmas.date, &christmas.hours),
        (NaiveDate::from_ymd_opt(2025, 12, 25).unwrap(), &ExceptionHours::Closed)
    );
    // ja, and two target groups in one cell separated by the file's own separator.
    let forms = &batch.services[1];
    assert_eq!(forms.referral.route, ReferralRoute::Wijkteam);
    assert_eq!(forms.eligibility.target_groups, [TargetGroup::Ouderen, TargetGroup::Mantelzorgers]);
    assert_eq!(forms.meta.verification.as_ref().unwrap().at, at(2025, 2, 1, 0));
    // UTF-16 with tabs, and a decimal comma in the coordinates.
    let schelp = &batch.locations[0];
    assert_eq!(schelp.name.as_ref(), "Dorpshuis De Schelp");
    let point = schelp.point.unwrap();
    assert_eq!((point.lat, point.lon), (52.2431, 4.4295));
    assert_eq!(schelp.address.as_ref().unwrap().postal_code.as_ref(), "2202 CA");
    assert_eq!(schelp.opening_hours.weekly().len(), 5);
    let warnings: Vec<String> = batch.warnings.iter().map(|w| format!("{} {}", w.record, w.message)).collect();
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    assert!(warnings[0].contains("no datapackage.json"));
    for (at, file) in [(1, "cost_options.csv"), (3, "services.csv")] {
        assert!(warnings[at].starts_with(file) && warnings[at].contains("Windows-1252"), "{}", warnings[at]);
    }
    assert!(warnings[2].starts_with("locations.csv") && warnings[2].contains("UTF-16"));
}

#[test]
fn every_problem_names_its_file_line_and_column() {
    assert_eq!(
        lines(&problems(&fixture("problems"))),
        [
            "locations.csv line 3: id: line 2 has the same id with other values; an id must name one row",
            "services.csv line 3: assured_date: \"31-13-2025\" is not a date; write it as 2025-12-31 or 31-12-2025",
            "phones.csv line 4: service_id: there is no service \"svc-404\" in services.csv",
            "services.csv line 4: organization_id: missing referenced organisation: there is no organisation \
             \"org-9\" in organizations.csv",
            "service_at_location.csv line 3: location_id: there is no location \"loc-404\" in locations.csv",
        ]
    );
}

#[test]
fn a_repeated_row_is_read_once_with_a_warning_naming_both_lines() {
    let folder = edited("excel-nl", "addresses.csv", |text| {
        let row = text.lines().nth(1).unwrap().to_owned();
        format!("{text}{row}\r\n")
    });
    let batch = import(folder.path());
    let repeat = batch.warnings.iter().find(|w| w.message.contains("repeats")).unwrap();
    assert_eq!(repeat.place.as_ref().unwrap().to_string(), "addresses.csv line 3");
    assert!(repeat.message.contains("line 2"));
}

#[test]
fn a_bad_value_deep_in_a_service_is_reported_at_its_own_file_line_and_column() {
    let folder = edited("excel-nl", "addresses.csv", |text| text.replace("2202 CA", "2202 CAX"));
    let reports = match read_package(folder.path(), &context()) {
        Ok(batch) => batch.warnings,
        Err(ImportError::Invalid(problems)) => problems,
        Err(other) => panic!("{other}"),
    };
    let postcode = reports.iter().find(|r| r.field == "postal_code").unwrap_or_else(|| panic!("{reports:#?}"));
    assert_eq!(postcode.place.as_ref().unwrap().to_string(), "addresses.csv line 2");
}

#[test]
fn a_profile_value_is_reported_by_its_csv_column() {
    let folder = tempfile::tempdir().unwrap();
    copy_tables(&fixture("problems"), folder.path(), |name| name == "organizations.csv");
    std::fs::write(
        folder.path().join("services.csv"),
        "id;organization_id;name;status;referral_route\nsvc-1;org-1;Maaltijd aan huis;active;buurtvader\n",
    )
    .unwrap();
    let problems = problems(folder.path());
    assert_eq!(lines(&problems).len(), 1, "{problems:#?}");
    assert_eq!(problems[0].place.as_ref().unwrap().to_string(), "services.csv line 2");
    assert_eq!(problems[0].field, "referral_route");
}

#[test]
fn a_quote_that_never_closes_is_a_problem_and_no_row_is_lost_silently() {
    assert_eq!(
        lines(&problems(&fixture("broken-quote"))),
        ["services.csv line 3: : a quote (\") opens a value here and is never closed, so every line after it would \
          be read as part of that value; close the quote or remove it"]
    );
}

#[test]
fn a_folder_without_any_table_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("leesmij.txt"), "Zie de bijlage.").unwrap();
    let error = read_package(folder.path(), &context()).unwrap_err();
    assert!(error.to_string().contains("no HSDS table"), "{error}");
}

/// A zip file at a new path, with `entries` as (name, content).
fn zip_with(entries: &[(&str, &[u8])]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pakket.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap();
    (dir, path)
}

fn refusal(path: &Path, limits: PackageLimits) -> String {
    match read_package_with_limits(path, &context(), limits) {
        Err(error @ ImportError::Invalid(_)) => error.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

const ORGANISATIONS: &[u8] = b"id,name,description\norg-1,Welzijn Katwijk,Welzijnswerk.\n";

#[test]
fn a_zip_bomb_is_refused_while_it_inflates() {
    // 64 MiB of zeros packs into about 64 KiB: a ratio of about 1,000.
    let zeros = vec![b'0'; 64 * 1024 * 1024];
    let (_dir, path) = zip_with(&[("organizations.csv", ORGANISATIONS), ("services.csv", &zeros)]);
    assert!(std::fs::metadata(&path).unwrap().len() < 1024 * 1024);
    let message = refusal(&path, PackageLimits::DEFAULT);
    assert!(message.contains("services.csv") && message.contains("zip bomb"), "{message}");
}

#[test]
fn an_entry_that_inflates_beyond_what_its_header_claims_is_stopped_at_the_limit() {
    let big = vec![b'a'; 12 * 1024 * 1024];
    let (_dir, path) = zip_with(&[("organizations.csv", ORGANISATIONS), ("services.csv", &big)]);
    lie_about_sizes(&path, 1000);
    let limits =
        PackageLimits { max_file_bytes: 10 * 1024 * 1024, max_compression_ratio: u64::MAX, ..PackageLimits::DEFAULT };
    // The zip reader stops at the size the header claims; the limit stops it otherwise.
    let message = refusal(&path, limits);
    assert!(message.contains("services.csv") && message.contains("larger than"), "{message}");
}

#[test]
fn a_file_in_a_folder_larger_than_the_limit_is_refused_without_reading_it_all() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("organizations.csv"), ORGANISATIONS).unwrap();
    std::fs::write(folder.path().join("services.csv"), vec![b'a'; 3 * 1024 * 1024]).unwrap();
    let limits = PackageLimits { max_file_bytes: 1024 * 1024, ..PackageLimits::DEFAULT };
    let message = refusal(folder.path(), limits);
    assert!(message.contains("services.csv") && message.contains("larger than 1 MiB"), "{message}");
}

#[test]
fn a_package_larger_than_the_total_limit_is_refused() {
    let half = vec![b'a'; 6 * 1024 * 1024];
    let (_dir, path) = zip_with(&[("organizations.csv", &half), ("services.csv", &half)]);
    let limits =
        PackageLimits { max_total_bytes: 10 * 1024 * 1024, max_compression_ratio: u64::MAX, ..PackageLimits::DEFAULT };
    assert!(refusal(&path, limits).contains("larger than 10 MiB"));
}

#[test]
fn a_zip_with_too_many_entries_is_refused() {
    let names: Vec<String> = (0..=PackageLimits::DEFAULT.max_entries).map(|i| format!("leeg-{i}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let (_dir, path) = zip_with(&entries);
    let message = refusal(&path, PackageLimits::DEFAULT);
    assert!(message.contains("501 entries") && message.contains("at most 500"), "{message}");
}

#[test]
fn a_zip_inside_a_zip_is_refused_by_name_and_by_content() {
    let (_inner_dir, inner) = zip_with(&[("services.csv", b"id\n")]);
    let inner = std::fs::read(inner).unwrap();
    let (_dir, path) = zip_with(&[("organizations.csv", ORGANISATIONS), ("oud/pakket.zip", &inner)]);
    assert!(refusal(&path, PackageLimits::DEFAULT).contains("another archive"));
    let (_dir, disguised) = zip_with(&[("organizations.csv", ORGANISATIONS), ("services.csv", &inner)]);
    assert!(refusal(&disguised, PackageLimits::DEFAULT).contains("packed archive"));
}

#[test]
fn an_entry_whose_name_leaves_the_zip_is_refused() {
    let (_dir, path) = zip_with(&[("organizations.csv", ORGANISATIONS), ("../../etc/services.csv", b"id\n")]);
    assert!(refusal(&path, PackageLimits::DEFAULT).contains("outside the zip file"));
}

#[test]
fn a_file_that_is_no_zip_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pakket.zip");
    std::fs::write(&path, "dit is geen zip").unwrap();
    assert!(refusal(&path, PackageLimits::DEFAULT).contains("not a folder or a readable zip file"));
}

/// Rewrites the uncompressed size in every local and central header of the zip at
/// `path` to `size`, as a crafted archive would.
fn lie_about_sizes(path: &Path, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let mut at = 0;
    while at + 4 <= bytes.len() {
        let offset = match &bytes[at..at + 4] {
            b"PK\x03\x04" => Some(22),
            b"PK\x01\x02" => Some(24),
            _ => None,
        };
        if let Some(offset) = offset {
            bytes[at + offset..at + offset + 4].copy_from_slice(&size.to_le_bytes());
        }
        at += 1;
    }
    std::fs::write(path, bytes).unwrap();
}
