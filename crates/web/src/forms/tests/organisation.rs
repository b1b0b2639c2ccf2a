//! The organisation form.

use super::*;

fn organisation() -> Organisation {
    Organisation {
        id: id("org-1"),
        name: Name::parse("Stichting Welzijn Teylingen — één loket").unwrap(),
        alternate_name: Some("SWT".into()),
        description: "Wij helpen inwoners.\nOok thuis.".into(),
        kind: OrganisationKind::Vereniging,
        email: Some(EmailAddress::parse("info@welzijn.example").unwrap()),
        website: Some(WebUrl::parse("https://welzijn.example/").unwrap()),
        phones: vec![phone("org-ph-1", "+44 1234 234567", PhoneKind::Video, Some("Gebarentaal"))],
        contacts: vec![Contact { id: id("c-1"), name: None, title: None, email: None, phones: vec![] }],
        meta: meta(),
        hsds_extra: HsdsExtra::default(),
    }
}

fn render(locale: Locale, fields: OrganisationFields, problems: Vec<FieldProblem>) -> String {
    OrganisationPage { locale, fields, problems }.render().unwrap()
}

#[test]
fn an_organisation_round_trips_through_its_rendered_form() {
    let base = organisation();
    for locale in [Locale::Nl, Locale::En] {
        let html = render(locale, OrganisationFields::from_record(locale, &base, &FormOptions::default()), vec![]);
        assert_eq!(read_organisation(locale, &base, &posted(&html), &FormOptions::default()), Ok(base.clone()));
    }
    let bare = Organisation { alternate_name: None, email: None, website: None, phones: vec![], ..organisation() };
    let html = render(Locale::Nl, OrganisationFields::from_record(Locale::Nl, &bare, &FormOptions::default()), vec![]);
    assert_eq!(read_organisation(Locale::Nl, &bare, &posted(&html), &FormOptions::default()), Ok(bare));
}

#[test]
fn organisation_problems_are_shown_next_to_their_fields() {
    let base = organisation();
    let html = render(Locale::En, OrganisationFields::from_record(Locale::En, &base, &FormOptions::default()), vec![]);
    let description = "a".repeat(10_001);
    let input = changed(
        &posted(&html),
        &[
            ("naam", ""),
            ("soort", "sekte"),
            ("website", "ftp://x.nl"),
            ("beschrijving", &description),
            ("telefoon_2_nummer", "12"),
        ],
    );
    let problems = read_organisation(Locale::En, &base, &input, &FormOptions::default()).unwrap_err();
    assert_eq!(fields_of(&problems), ["naam", "beschrijving", "soort", "website", "telefoon_2_nummer"]);
    assert_eq!(problems[0].message, "Name of the organisation: please fill this in.");
    let fields = OrganisationFields::from_input(Locale::En, &input, &problems, &FormOptions::default());
    assert_problems_shown(&render(Locale::En, fields, problems.clone()), &problems);
}

#[test]
fn the_organisation_fragment_escapes_what_was_typed() {
    let script = "<script>alert(1)</script>";
    let changes: Vec<(&str, &str)> = [
        "naam",
        "andere_naam",
        "beschrijving",
        "email",
        "website",
        "telefoon_1_nummer",
        "telefoon_1_omschrijving",
        "soort",
    ]
    .iter()
    .map(|f| (*f, script))
    .collect();
    let input = changed(&FormInput::default(), &changes);
    let problems = read_organisation(Locale::Nl, &organisation(), &input, &FormOptions::default()).unwrap_err();
    let html = render(
        Locale::Nl,
        OrganisationFields::from_input(Locale::Nl, &input, &problems, &FormOptions::default()),
        problems,
    );
    assert!(!html.contains("<script"));
    assert!(html.matches("&#60;script&#62;").count() >= 7);
}
