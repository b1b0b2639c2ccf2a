//! Spreadsheets with mistakes: each must be refused (or warned about) with the file,
//! the line, the column header as the editor sees it, and the reason.

use crate::fixtures::context;
use crate::sheet::{builtin_terms, data, example_mapping};
use wegwijs_hsds::{ImportBatch, ImportError, Place, RecordProblem, SheetMapping, read_sheet, read_sheet_bytes};

/// A mapping of the columns the small sheets below use.
const MAPPING: &str = r#"
source = "test"
[columns]
organisation_name = "Organisatie"
organisation_email = "E-mail organisatie"
service_id = "Id"
service_name = "Dienst"
postal_code = "Postcode"
street = "Straat"
city = "Plaats"
themes = "Thema"
opening_hours = "Open"
verified_at = "Gecontroleerd"
"#;

const HEADER: &str = "Id;Organisatie;E-mail organisatie;Dienst;Straat;Postcode;Plaats;Thema;Open;Gecontroleerd";

fn read(rows: &[&str]) -> Result<ImportBatch, ImportError> {
    let sheet = format!("{HEADER}\n{}\n", rows.join("\n"));
    let mapping = SheetMapping::from_toml(MAPPING).unwrap();
    read_sheet_bytes("aanbod.csv", sheet.as_bytes(), &mapping, &builtin_terms(), &context())
}

fn problems(rows: &[&str]) -> Vec<RecordProblem> {
    match read(rows) {
        Err(ImportError::Invalid(problems)) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

fn place(line: u64) -> Option<Place> {
    Some(Place { file: "aanbod.csv".into(), line })
}

const GOOD: &str =
    "1;Welzijn Teylingen;info@welzijn.nl;Maatjes;Hoofdstraat 1;2171 AB;Sassenheim;Ontmoeting;ma 9-12;31-12-2025";

#[test]
fn a_good_row_is_read() {
    let batch = read(&[GOOD]).unwrap();
    assert_eq!(batch.services.len(), 1);
}

#[test]
fn columns_the_mapping_does_not_name_are_listed_in_a_warning() {
    let sheet = format!("{HEADER};Opmerkingen;Intern\n{GOOD};Let op;x\n");
    let mapping = SheetMapping::from_toml(MAPPING).unwrap();
    let batch = read_sheet_bytes("aanbod.csv", sheet.as_bytes(), &mapping, &builtin_terms(), &context()).unwrap();
    let warning = batch.warnings.iter().find(|w| w.message.contains("not in the mapping")).unwrap();
    assert_eq!(warning.place, place(1));
    assert!(warning.message.ends_with("\"Opmerkingen\", \"Intern\""), "{}", warning.message);
}

#[test]
fn several_email_addresses_in_one_cell_keep_the_first_with_a_warning() {
    let batch = read(&[&GOOD.replace("info@welzijn.nl", "info@welzijn.nl, post@welzijn.nl")]).unwrap();
    assert_eq!(batch.organisations[0].email.as_ref().unwrap().as_ref(), "info@welzijn.nl");
    assert!(batch.warnings.iter().any(|w| w.message.contains("only \"info@welzijn.nl\" was kept")));
}

#[test]
fn a_mapped_column_missing_from_the_sheet_lists_the_columns_and_the_nearest() {
    let mapping = SheetMapping::from_toml(&MAPPING.replace("\"Postcode\"", "\"Postcod\"")).unwrap();
    let sheet = format!("{HEADER}\n{GOOD}\n");
    let error = read_sheet_bytes("aanbod.csv", sheet.as_bytes(), &mapping, &[], &context()).unwrap_err();
    let ImportError::Invalid(problems) = error else { panic!("{error:?}") };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].place, place(1));
    assert_eq!(problems[0].record, "mapping file line 8");
    assert_eq!(problems[0].field, "Postcod");
    assert!(problems[0].message.contains("did you mean \"Postcode\"?"), "{}", problems[0].message);
    assert!(problems[0].message.contains("A \"Id\", B \"Organisatie\""), "{}", problems[0].message);
}

#[test]
fn a_mapping_without_a_service_name_is_refused_before_reading() {
    let error = SheetMapping::from_toml(&MAPPING.replace("service_name = \"Dienst\"\n", "")).unwrap_err();
    assert_eq!(error.line, None);
    assert!(error.to_string().starts_with("mapping file: service_name is not mapped"), "{error}");
}

#[test]
fn an_empty_required_cell_is_named_by_line_and_column() {
    let problems = problems(&[GOOD, "2;Welzijn Teylingen;;;Hoofdstraat 1;2171 AB;Sassenheim;;;"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].place.clone(), problems[0].field.as_str()), (place(3), "Dienst"));
    assert!(problems[0].message.starts_with("is empty"));
}

#[test]
fn an_exact_duplicate_row_is_imported_once_with_a_warning() {
    let batch = read(&[GOOD, GOOD]).unwrap();
    assert_eq!(batch.services.len(), 1);
    let warning = batch.warnings.iter().find(|w| w.message.contains("repeats line 2")).unwrap();
    assert_eq!(warning.place, place(3));
}

#[test]
fn two_rows_with_one_service_id_are_both_named() {
    let other = GOOD.replace("Maatjes", "Koffie");
    let problems = problems(&[GOOD, &other]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].place.clone(), problems[0].field.as_str()), (place(3), "Id"));
    assert!(problems[0].message.contains("also used on line 2"), "{}", problems[0].message);
}

#[test]
fn rows_of_one_organisation_that_disagree_are_both_named() {
    let second = "2;Welzijn Teylingen;post@welzijn.nl;Koffie;Hoofdstraat 1;2171 AB;Sassenheim;;;";
    let problems = problems(&[GOOD, second]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let problem = &problems[0];
    assert_eq!((problem.place.clone(), problem.field.as_str()), (place(3), "E-mail organisatie"));
    assert_eq!(problem.record, "organisation \"Welzijn Teylingen\"");
    assert!(problem.message.contains("\"info@welzijn.nl\" on line 2"), "{}", problem.message);
}

#[test]
fn a_bad_value_found_by_the_hsds_checks_is_reported_at_its_column() {
    let problems = problems(&[&GOOD.replace("2171 AB", "217 AB")]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].place.clone(), problems[0].field.as_str()), (place(2), "Postcode"));
    assert_eq!(problems[0].record, "location of \"Welzijn Teylingen\" on line 2");
    assert!(problems[0].message.contains("is not a Dutch postcode"), "{}", problems[0].message);
}

#[test]
fn a_bad_organisation_value_is_reported_once_at_the_row_it_came_from() {
    let first = GOOD.replace("info@welzijn.nl", "");
    let second = "2;Welzijn Teylingen;info(at)welzijn.nl;Koffie;Hoofdstraat 1;2171 AB;Sassenheim;;;";
    let third = "3;Welzijn Teylingen;;Thee;Hoofdstraat 1;2171 AB;Sassenheim;;;";
    let problems = problems(&[&first, second, third]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].place.clone(), problems[0].field.as_str()), (place(3), "E-mail organisatie"));
}

#[test]
fn an_unknown_theme_suggests_the_nearest_names() {
    let problems = problems(&[&GOOD.replace("Ontmoeting", "Ontmoeten, Mantelzrg")]);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.field == "Thema" && p.place == place(2)));
    assert!(problems[1].message.contains("did you mean \"Mantelzorg\""), "{}", problems[1].message);
}

#[test]
fn opening_hours_that_cannot_be_read_are_reported_with_what_stopped_the_reader() {
    let problems = problems(&[&GOOD.replace("ma 9-12", "ma 9 tot half 1")]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].place.clone(), problems[0].field.as_str()), (place(2), "Open"));
    assert!(problems[0].message.contains("cannot read \"half\""), "{}", problems[0].message);
}

#[test]
fn overlapping_hours_are_refused_by_the_domain_at_the_column() {
    let problems = problems(&[&GOOD.replace("ma 9-12", "\"ma 9-12; ma 11-13\"")]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].place.clone(), problems[0].field.as_str()), (place(2), "Open"));
    assert!(problems[0].message.contains("overlap"), "{}", problems[0].message);
}

#[test]
fn a_date_that_is_not_a_date_is_reported_at_its_column() {
    let problems = problems(&[&GOOD.replace("31-12-2025", "eind 2025")]);
    assert_eq!((problems[0].place.clone(), problems[0].field.as_str()), (place(2), "Gecontroleerd"));
}

#[test]
fn every_problem_of_the_sheet_is_listed_in_line_order() {
    // The postcode is checked by the HSDS import after every row was built, the theme
    // while building; the report still follows the sheet.
    let bad_postcode = GOOD.replace("2171 AB", "2171");
    let bad_theme = GOOD.replace("1;", "2;").replace("Maatjes", "Koffie").replace("Ontmoeting", "Onbekend");
    let problems = problems(&[&bad_postcode, &bad_theme]);
    let lines: Vec<u64> = problems.iter().map(|p| p.place.as_ref().unwrap().line).collect();
    assert_eq!(lines, [2, 3]);
}

#[test]
fn a_problem_in_a_dutch_excel_csv_is_reported_at_its_line() {
    // Excel ends lines with CR LF; the third service is on line 4.
    let bytes = std::fs::read(data("voorbeeld-excel.csv")).unwrap();
    let at = bytes.windows(7).position(|w| w == b"2361 AK").unwrap();
    let broken = [&bytes[..at + 4], &bytes[at + 7..]].concat();
    let error =
        read_sheet_bytes("voorbeeld.csv", &broken, &example_mapping(), &builtin_terms(), &context()).unwrap_err();
    let ImportError::Invalid(problems) = error else { panic!("{error:?}") };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].place, Some(Place { file: "voorbeeld.csv".into(), line: 4 }));
    assert_eq!(problems[0].field, "Postcode");
}

#[test]
fn an_excel_error_cell_is_reported_with_its_cell() {
    let error = read_sheet(&data("fouten.xlsx"), &example_mapping(), &builtin_terms(), &context()).unwrap_err();
    let ImportError::Invalid(problems) = error else { panic!("{error:?}") };
    assert_eq!(problems.len(), 1, "{problems:?}");
    let problem = &problems[0];
    assert_eq!(problem.place, Some(Place { file: "fouten.xlsx [Aanbod]".into(), line: 2 }));
    assert_eq!(problem.field, "Kosten");
    assert!(problem.message.contains("cell T2 shows the Excel error #N/A"), "{}", problem.message);
}

#[test]
fn a_sheet_the_workbook_does_not_have_is_refused_with_the_sheets_it_has() {
    let mapping = SheetMapping::from_toml(
        "source = \"x\"\nsheet = \"2024\"\n[columns]\norganisation_name = \"O\"\nservice_name = \"D\"\n",
    )
    .unwrap();
    let error = read_sheet(&data("voorbeeld.xlsx"), &mapping, &[], &context()).unwrap_err();
    assert!(error.to_string().contains("the workbook has only \"Aanbod\", \"Oud\""), "{error}");
}

#[test]
fn old_excel_and_opendocument_files_are_refused_with_advice() {
    let mapping = example_mapping();
    for name in ["aanbod.xls", "aanbod.ods"] {
        let error = read_sheet_bytes(name, b"\xD0\xCF\x11\xE0", &mapping, &[], &context()).unwrap_err();
        assert!(error.to_string().contains("save it as Excel (.xlsx) or CSV"), "{error}");
    }
}

#[test]
fn a_missing_file_is_a_read_error() {
    let error = read_sheet(&data("bestaat-niet.csv"), &example_mapping(), &[], &context()).unwrap_err();
    assert!(matches!(error, ImportError::Read(_)), "{error:?}");
}
