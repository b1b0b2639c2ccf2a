//! The location form, and how the coordinates follow the postcode.

use super::*;

fn location() -> Location {
    Location {
        id: id("loc-1"),
        organisation_id: Some(id("org-1")),
        name: Name::parse("Dorpshuis De Kennemerhof").unwrap(),
        description: Some("Grote zaal op de eerste verdieping".into()),
        kind: LocationKind::Physical,
        address: Some(Address {
            street: "Hoofdstraat 12a".into(),
            postal_code: PostalCode::parse("2171 AB").unwrap(),
            city: "Sassenheim".into(),
            municipality: Some("Teylingen".into()),
        }),
        // Not the PC4 centre: a geocoded front door, which must survive a save.
        point: Some(GeoPoint::new(52.225_012_345, 4.522_220_001).unwrap()),
        transportation: Some("Bus 50, halte Kerk".into()),
        accessibility: Some("Rolstoeltoegankelijk, ringleiding".into()),
        phones: vec![phone("loc-ph-1", "0252 123456", PhoneKind::Voice, None)],
        opening_hours: full_hours(),
        meta: meta(),
        hsds_extra: HsdsExtra::default(),
    }
}

fn render(locale: Locale, fields: LocationFields, problems: Vec<FieldProblem>) -> String {
    LocationPage { locale, fields, problems }.render().unwrap()
}

fn posted_form(location: &Location) -> FormInput {
    posted(&render(Locale::Nl, LocationFields::from_record(Locale::Nl, location, &FormOptions::default()), vec![]))
}

fn read(base: &Location, changes: &[(&str, &str)]) -> Result<Location, Vec<FieldProblem>> {
    read_location(Locale::Nl, base, &changed(&posted_form(base), changes), &FormOptions::default())
}

#[test]
fn a_location_round_trips_through_its_rendered_form() {
    let base = location();
    assert_eq!(read(&base, &[]), Ok(base.clone()));
    let virtual_place = Location {
        kind: LocationKind::Virtual,
        address: None,
        point: None,
        description: None,
        transportation: None,
        accessibility: None,
        phones: vec![],
        opening_hours: OpeningHours::default(),
        ..location()
    };
    assert_eq!(read(&virtual_place, &[]), Ok(virtual_place.clone()));
}

#[test]
fn the_point_stays_while_the_postcode_stays() {
    let base = location();
    let read = read(&base, &[("straat", "Hoofdstraat 14"), ("postcode", "2171ab")]).unwrap();
    assert_eq!(read.point, base.point);
    assert_eq!(read.address.unwrap().street, "Hoofdstraat 14");
}

#[test]
fn a_new_postcode_takes_the_centre_of_its_area() {
    let base = location();
    let read = read(&base, &[("postcode", "2215 AB"), ("plaats", "Voorhout")]).unwrap();
    let area = wegwijs_domain::geo::builtin().pc4("2215").expect("2215 is in the embedded geography");
    assert_eq!(read.point, Some(area.point));
    let address = read.address.unwrap();
    assert_eq!(address.postal_code.as_str(), "2215 AB");
    assert_eq!(address.municipality.as_deref(), Some(area.municipality.as_str()));
}

#[test]
fn removing_the_address_removes_the_point() {
    let read = read(&location(), &[("straat", ""), ("postcode", " "), ("plaats", "")]).unwrap();
    assert_eq!((read.address, read.point), (None, None));
}

#[test]
fn an_address_needs_all_its_parts_and_a_real_postcode() {
    let base = location();
    let problems = read(&base, &[("straat", ""), ("plaats", "")]).unwrap_err();
    assert_eq!(fields_of(&problems), ["straat", "plaats"]);
    for (typed, start) in
        [("21711", "Schrijf de postcode"), ("0123 AB", "Een postcode begint"), ("2171 SS", "Deze postcode")]
    {
        let problems = read(&base, &[("postcode", typed)]).unwrap_err();
        assert_eq!(fields_of(&problems), ["postcode"]);
        assert!(problems[0].message.starts_with(start), "{typed}: {}", problems[0].message);
    }
}

#[test]
fn location_problems_are_shown_next_to_their_fields() {
    let base = location();
    let input = changed(&posted_form(&base), &[("naam", ""), ("postcode", "?"), ("uren_ma_1_dicht", "08:00")]);
    let problems = read_location(Locale::Nl, &base, &input, &FormOptions::default()).unwrap_err();
    assert_eq!(fields_of(&problems), ["naam", "postcode", "uren_ma_1_dicht"]);
    let fields = LocationFields::from_input(Locale::Nl, &input, &problems, &FormOptions::default());
    assert_problems_shown(&render(Locale::Nl, fields, problems.clone()), &problems);
}

#[test]
fn the_location_fragment_escapes_what_was_typed() {
    let script = "<script>alert(1)</script>";
    let changes: Vec<(&str, &str)> =
        ["naam", "straat", "postcode", "plaats", "beschrijving", "vervoer", "toegankelijkheid", "uren_opmerking"]
            .iter()
            .map(|f| (*f, script))
            .collect();
    let input = changed(&FormInput::default(), &changes);
    let problems = read_location(Locale::Nl, &location(), &input, &FormOptions::default()).unwrap_err();
    let html = render(
        Locale::Nl,
        LocationFields::from_input(Locale::Nl, &input, &problems, &FormOptions::default()),
        problems,
    );
    assert!(!html.contains("<script"));
    assert!(html.matches("&#60;script&#62;").count() >= 8);
}
