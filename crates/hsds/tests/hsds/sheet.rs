//! Spreadsheet import of the example sheets with the example mapping from the docs:
//! what a Dutch municipality's Excel list becomes, and that the CSV, the UTF-8 CSV and
//! the workbook give the same records, every time.

use crate::fixtures::{at, context, id};
use std::path::{Path, PathBuf};
use wegwijs_domain::schedule::TimeOfDay;
use wegwijs_domain::*;
use wegwijs_hsds::{ImportBatch, SheetMapping, read_sheet, read_sheet_bytes};

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sheet").join(name)
}

/// The example mapping of `docs/examples/`, which the documentation shows.
pub fn example_mapping() -> SheetMapping {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/mapping-example.toml");
    SheetMapping::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The taxonomy terms Wegwijs ships with, as a fresh installation has them.
pub fn builtin_terms() -> Vec<TaxonomyTerm> {
    wegwijs_domain::taxonomy::builtin().terms.clone()
}

fn import(name: &str) -> ImportBatch {
    read_sheet(&data(name), &example_mapping(), &builtin_terms(), &context()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn service<'b>(batch: &'b ImportBatch, name: &str) -> &'b Service {
    batch.services.iter().find(|s| s.name.as_str() == name).unwrap_or_else(|| panic!("no service {name}"))
}

/// Everything but the warnings, which name the file they were read from.
fn records(batch: &ImportBatch) -> (&[Organisation], &[Location], &[Service]) {
    (&batch.organisations, &batch.locations, &batch.services)
}

#[test]
fn a_dutch_excel_csv_in_windows_1252_becomes_organisations_locations_and_services() {
    let batch = import("voorbeeld-excel.csv");
    assert_eq!(batch.services.len(), 3);
    assert_eq!(batch.organisations.len(), 2, "organisations repeat over rows and are kept once");
    assert_eq!(batch.locations.len(), 2, "one location per organisation and address");
    assert!(batch.warnings.iter().any(|w| w.message.contains("Windows-1252")), "{:?}", batch.warnings);

    let welzijn = &batch.organisations[0];
    assert_eq!(welzijn.name.as_str(), "Welzijn Teylingen");
    assert_eq!(welzijn.description, "Welzijnsorganisatie voor inwoners van Teylingen.");
    assert_eq!(welzijn.website.as_ref().unwrap().as_str(), "https://www.welzijnteylingen.nl/");
    assert_eq!(welzijn.meta.source.name, "sociale-kaart-teylingen");

    let address = batch.locations[0].address.as_ref().unwrap();
    assert_eq!(address.street, "Hoofdstraat 12a");
    assert_eq!(address.postal_code.as_ref(), "2171 AB");
    assert_eq!(address.city, "Sassenheim");
    assert_eq!(address.municipality.as_deref(), Some("Teylingen"));
    assert_eq!(batch.locations[0].name.as_str(), "Hoofdstraat 12a, Sassenheim");

    let maatjes = service(&batch, "Maatjesproject");
    assert_eq!(maatjes.organisation_id, welzijn.id);
    assert_eq!(maatjes.summary, "Een vrijwilliger komt bij u op bezoek.");
    assert_eq!(maatjes.status, ServiceStatus::Active);
    assert_eq!(maatjes.phones[0].number.as_ref(), "+31252123456");
    assert_eq!(maatjes.email.as_ref().unwrap().as_ref(), "maatjes@welzijnteylingen.nl");
    assert_eq!(maatjes.terms, [id("thema-ontmoeting"), id("thema-ouderen")]);
    assert_eq!(maatjes.eligibility.target_groups, [TargetGroup::Ouderen]);
    assert_eq!((maatjes.eligibility.min_age, maatjes.eligibility.max_age), (Some(65), None));
    assert_eq!(maatjes.funding, [FundingScheme::Gratis, FundingScheme::Wmo]);
    assert_eq!(maatjes.referral.route, ReferralRoute::None);
    assert_eq!(maatjes.opening_hours.weekly().len(), 5);
    assert_eq!(maatjes.opening_hours.weekly()[0].opens, TimeOfDay::parse("09:00").unwrap());
    assert_eq!(maatjes.application_process.as_deref(), Some("Bel of mail ons."));
    let verified = maatjes.meta.verification.as_ref().unwrap();
    assert_eq!((verified.at, verified.by), (at(2025, 12, 31, 0), VerifiedBy::Editor));
    assert_eq!(maatjes.professional_notes.as_deref(), Some("Intake door Anja de Vries, direct 06-12345678"));
    assert_eq!(maatjes.meta.source.reference.as_deref(), Some("1"));
    assert_eq!(maatjes.areas[0].code, "GM1525");
    assert_eq!(maatjes.locations[0].location_id, batch.locations[0].id);

    let cafe = service(&batch, "Café De Kroon");
    assert_eq!(cafe.organisation_id, welzijn.id, "the second row of an organisation may leave its cells empty");
    assert_eq!(cafe.costs[0].amount_cents, Some(250), "a decimal comma");
    assert_eq!(cafe.costs[0].option, "per keer");
    assert_eq!(cafe.funding, [FundingScheme::EigenBetaling]);
    assert_eq!(cafe.eligibility.target_groups, [TargetGroup::Volwassenen, TargetGroup::Ouderen]);
    assert_eq!(cafe.opening_hours.weekly()[0].weekday, chrono::Weekday::Tue);

    let administratie = service(&batch, "Thuisadministratie");
    assert_eq!(administratie.referral.route, ReferralRoute::Wijkteam);
    assert!(administratie.opening_hours.closed_on_public_holidays());
    assert_eq!(administratie.terms, [id("thema-geld-en-schulden")], "found by its lay name");
    assert_eq!(administratie.funding, [FundingScheme::Gratis, FundingScheme::Participatiewet]);
    assert_eq!(batch.term_ids.len(), 3);
}

#[test]
fn the_utf8_csv_and_the_workbook_give_the_same_records_as_the_excel_csv() {
    let excel = import("voorbeeld-excel.csv");
    let utf8 = import("voorbeeld-utf8.csv");
    let workbook = import("voorbeeld.xlsx");
    assert_eq!(records(&utf8), records(&excel));
    assert_eq!(records(&workbook), records(&excel));
    assert!(!utf8.warnings.iter().any(|w| w.message.contains("Windows-1252")));
    // The workbook holds the phone number as a number: Excel dropped the zero.
    let lost_zero = workbook.warnings.iter().find(|w| w.message.contains("leading zero")).unwrap();
    assert_eq!(lost_zero.place.as_ref().unwrap().to_string(), "voorbeeld.xlsx [Aanbod] line 2");
}

#[test]
fn importing_the_same_sheet_again_gives_an_identical_batch() {
    let first = import("voorbeeld-excel.csv");
    let second = import("voorbeeld-excel.csv");
    assert_eq!(first, second);
    let no_extras = first.services.iter().all(|s| s.hsds_extra.is_empty())
        && first.organisations.iter().all(|o| o.hsds_extra.is_empty())
        && first.locations.iter().all(|l| l.hsds_extra.is_empty());
    assert!(no_extras, "a spreadsheet has no foreign HSDS fields to keep");
}

#[test]
fn an_edited_cell_updates_the_same_record() {
    let original = std::fs::read(data("voorbeeld-utf8.csv")).unwrap();
    let text = String::from_utf8(original.clone()).unwrap();
    let edited = text.replace("Een vrijwilliger komt bij u op bezoek.", "Een maatje komt bij u langs.");
    let mapping = example_mapping();
    let before = read_sheet_bytes("voorbeeld.csv", &original, &mapping, &builtin_terms(), &context()).unwrap();
    let after = read_sheet_bytes("voorbeeld.csv", edited.as_bytes(), &mapping, &builtin_terms(), &context()).unwrap();
    assert_eq!(after.services[0].id, before.services[0].id);
    assert_eq!(after.services[0].summary, "Een maatje komt bij u langs.");
    assert_eq!(after.services[1], before.services[1]);
}

#[test]
fn ids_come_from_id_columns_when_the_mapping_names_them() {
    let mapping = SheetMapping::from_toml(
        "source = \"gemeente\"\n[columns]\norganisation_id = \"Org\"\norganisation_name = \"Organisatie\"\n\
         service_id = \"Id\"\nservice_name = \"Dienst\"\n",
    )
    .unwrap();
    let sheet = "Org;Organisatie;Id;Dienst\nORG-7;Voedselbank;SVC-1;Voedselpakket\n";
    let batch = read_sheet_bytes("lijst.csv", sheet.as_bytes(), &mapping, &[], &context()).unwrap();
    assert_eq!(batch.organisations[0].id, id("ORG-7"));
    assert_eq!(batch.services[0].id, id("SVC-1"));
    assert_eq!(batch.services[0].meta.source.reference.as_deref(), Some("SVC-1"));
}

#[test]
fn derived_ids_depend_on_the_source_and_names_only() {
    let mapping = |source: &str| {
        SheetMapping::from_toml(&format!(
            "source = \"{source}\"\n[columns]\norganisation_name = \"Organisatie\"\nservice_name = \"Dienst\"\n\
             summary = \"Samenvatting\"\n"
        ))
        .unwrap()
    };
    let read = |source: &str, sheet: &str| {
        read_sheet_bytes("a.csv", sheet.as_bytes(), &mapping(source), &[], &context()).unwrap().services[0].id.clone()
    };
    let first = read("gemeente", "Organisatie,Dienst,Samenvatting\nVoedselbank,Pakket,Eten.\n");
    assert_eq!(first, read("gemeente", "Samenvatting,Dienst,Organisatie\nAnders.,Pakket,Voedselbank\n"));
    assert_ne!(first, read("gemeente", "Organisatie,Dienst,Samenvatting\nVoedselbank,Pakket groot,Eten.\n"));
    assert_ne!(first, read("ggd", "Organisatie,Dienst,Samenvatting\nVoedselbank,Pakket,Eten.\n"));
}

#[test]
fn the_mapping_picks_the_sheet_of_a_workbook_and_the_first_is_read_without_it() {
    let without = example_mapping_text().replace("sheet = \"Aanbod\"\n", "");
    let mapping = SheetMapping::from_toml(&without).unwrap();
    let batch = read_sheet(&data("voorbeeld.xlsx"), &mapping, &builtin_terms(), &context()).unwrap();
    assert_eq!(batch.services.len(), 3);
    let old = SheetMapping::from_toml(
        "source = \"oud\"\nsheet = \"oud\"\n[columns]\norganisation_name = \"Naam\"\nservice_name = \"Naam\"\n\
         address = \"Adres\"\n",
    )
    .unwrap();
    let batch = read_sheet(&data("voorbeeld.xlsx"), &old, &[], &context()).unwrap();
    let address = batch.locations[0].address.as_ref().unwrap();
    assert_eq!((address.street.as_str(), address.city.as_str()), ("Kerkstraat 1", "Sassenheim"));
    assert!(batch.warnings.iter().any(|w| w.message.contains("name was used")), "no organisation description");
}

fn example_mapping_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/mapping-example.toml");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn constants_fill_every_row_and_lists_add_to_the_cells() {
    let mapping = SheetMapping::from_toml(
        "source = \"ggd\"\n[columns]\norganisation_name = \"Organisatie\"\nservice_name = \"Dienst\"\n\
         themes = \"Thema\"\nstatus = \"Status\"\n[constants]\nthemes = \"Gezondheid\"\nstatus = \"actief\"\n\
         funding = [\"zvw\", \"Wmo\"]\n",
    )
    .unwrap();
    let sheet =
        "Organisatie;Dienst;Thema;Status\nGGD;Inenten;;\nGGD;Soa-poli;Psychische gezondheid;tijdelijk gesloten\n";
    let batch = read_sheet_bytes("ggd.csv", sheet.as_bytes(), &mapping, &builtin_terms(), &context()).unwrap();
    assert_eq!(batch.services[0].terms, [id("thema-gezondheid")]);
    assert_eq!(batch.services[0].status, ServiceStatus::Active);
    assert_eq!(batch.services[1].terms, [id("thema-psychische-gezondheid"), id("thema-gezondheid")]);
    assert_eq!(batch.services[1].status, ServiceStatus::TemporarilyClosed, "a filled cell wins over the constant");
    assert_eq!(batch.services[1].funding, [FundingScheme::Zvw, FundingScheme::Wmo]);
}

#[test]
fn a_column_per_weekday_gives_its_day_to_the_times_in_it() {
    let mapping = SheetMapping::from_toml(
        "source = \"x\"\n[columns]\norganisation_name = \"Organisatie\"\nservice_name = \"Dienst\"\n\
         opening_hours = [\"Maandag\", \"Woensdag\", \"Bijzonderheden\"]\n",
    )
    .unwrap();
    let sheet = "Organisatie;Dienst;Maandag;Woensdag;Bijzonderheden\n\
                 Bibliotheek;Digitaal spreekuur;9.00-12.00;13:00 - 16:00 uur;Gesloten op feestdagen\n";
    let batch = read_sheet_bytes("b.csv", sheet.as_bytes(), &mapping, &[], &context()).unwrap();
    let hours = &batch.services[0].opening_hours;
    let days: Vec<String> = hours.weekly().iter().map(|p| format!("{} {}-{}", p.weekday, p.opens, p.closes)).collect();
    assert_eq!(days, ["Mon 09:00-12:00", "Wed 13:00-16:00"]);
    assert!(hours.closed_on_public_holidays());
}

#[test]
fn a_whole_address_in_one_column_and_remarks_in_the_hours_are_read() {
    let mapping = SheetMapping::from_toml(
        "source = \"x\"\n[columns]\norganisation_name = \"Organisatie\"\nservice_name = \"Dienst\"\n\
         address = \"Adres\"\nopening_hours = \"Open\"\ncosts = \"Prijs\"\n",
    )
    .unwrap();
    let sheet = "Organisatie,Dienst,Adres,Open,Prijs\n\
                 Buurthuis,Eettafel,\"Kerkstraat 1, 2171 AA Sassenheim\",do 17-19; op afspraak,afhankelijk van inkomen\n";
    let batch = read_sheet_bytes("b.csv", sheet.as_bytes(), &mapping, &[], &context()).unwrap();
    let address = batch.locations[0].address.as_ref().unwrap();
    assert_eq!(
        (address.street.as_str(), address.postal_code.as_ref(), address.city.as_str()),
        ("Kerkstraat 1", "2171 AA", "Sassenheim")
    );
    let service = &batch.services[0];
    assert_eq!(service.opening_hours.notes(), Some("op afspraak"));
    assert_eq!(service.costs[0].amount_description.as_deref(), Some("afhankelijk van inkomen"));
}
