//! The service form.

use super::*;

pub(super) fn options() -> FormOptions {
    FormOptions {
        terms: vec![(id("t-geld"), "Geld".into()), (id("t-wonen"), "Wonen".into()), (id("t-zorg"), "Zorg".into())],
        locations: vec![(id("loc-1"), "Dorpshuis".into()), (id("loc-2"), "Bibliotheek".into())],
    }
}

pub(super) fn minimal_service() -> Service {
    Service {
        id: id("svc-1"),
        organisation_id: id("org-1"),
        name: Name::parse("Schuldhulpverlening").unwrap(),
        alternate_name: None,
        summary: String::new(),
        description: String::new(),
        status: ServiceStatus::Active,
        url: None,
        email: None,
        phones: vec![],
        contacts: vec![],
        opening_hours: OpeningHours::default(),
        areas: vec![],
        languages: vec![],
        costs: vec![],
        fees_description: None,
        funding: vec![],
        referral: Referral::none(),
        eligibility: Eligibility::default(),
        application_process: None,
        wait_time: None,
        terms: vec![],
        locations: vec![],
        professional_notes: None,
        meta: meta(),
        hsds_extra: HsdsExtra::default(),
    }
}

/// Every field set, in orders the form does not produce by itself (funding and groups
/// not in display order), with things the form does not show (areas, contacts, a term
/// and a location it does not offer, a language it does not list).
pub(super) fn full_service() -> Service {
    Service {
        alternate_name: Some("Schuldhulp".into()),
        summary: "Hulp als u schulden heeft. Gratis en in vertrouwen.".into(),
        description: "Wij kijken samen met u naar uw geld.\n\nDaarna maken we een plan.".into(),
        status: ServiceStatus::TemporarilyClosed,
        url: Some(WebUrl::parse("https://welzijn.example/schuldhulp").unwrap()),
        email: Some(EmailAddress::parse("schuldhulp@welzijn.example").unwrap()),
        phones: vec![
            phone("ph-1", "071 123 45 67", PhoneKind::Voice, Some("Op werkdagen van 9.00 tot 12.00 uur")),
            phone("ph-2", "06 12345678", PhoneKind::Cell, None),
            phone("ph-3", "14 0252", PhoneKind::Voice, None),
        ],
        contacts: vec![Contact { id: id("c-1"), name: Some("Fatma".into()), title: None, email: None, phones: vec![] }],
        opening_hours: full_hours(),
        areas: vec![ServiceArea {
            id: id("area-1"),
            kind: AreaKind::Gemeente,
            code: "GM1525".into(),
            name: "Teylingen".into(),
        }],
        languages: vec![
            Language { id: id("lang-nl"), code: "nl".into(), name: "Nederlands".into(), note: None },
            Language { id: id("lang-tr"), code: "tr".into(), name: "Turks".into(), note: Some("met tolk".into()) },
        ],
        costs: vec![
            CostOption {
                id: id("cost-1"),
                option: "Per maaltijd".into(),
                amount_cents: Some(750),
                amount_description: Some("€ 7,50".into()),
            },
            CostOption {
                id: id("cost-2"),
                option: "Lidmaatschap".into(),
                amount_cents: None,
                amount_description: Some("€ 2 tot € 5".into()),
            },
        ],
        fees_description: Some("Gratis. Alleen de maaltijd kost € 7,50.".into()),
        funding: vec![FundingScheme::Wmo, FundingScheme::Gratis],
        referral: Referral { route: ReferralRoute::Huisarts, how: Some("Vraag uw huisarts.".into()) },
        eligibility: Eligibility {
            min_age: Some(18),
            max_age: Some(67),
            target_groups: vec![TargetGroup::LaagInkomen, TargetGroup::Mantelzorgers],
            description: Some("U woont in Teylingen".into()),
        },
        application_process: Some("Bel of mail ons.".into()),
        wait_time: Some("Twee weken".into()),
        terms: vec![id("t-zorg"), id("iwmo-07A08"), id("t-geld")],
        locations: vec![
            ServiceAtLocation {
                id: id("sal-1"),
                location_id: id("loc-2"),
                description: Some("Spreekuur".into()),
                opening_hours: full_hours(),
            },
            ServiceAtLocation {
                id: id("sal-2"),
                location_id: id("loc-elders"),
                description: None,
                opening_hours: OpeningHours::default(),
            },
        ],
        professional_notes: Some("Direct nummer intake: 071-7654321".into()),
        ..minimal_service()
    }
}

pub(super) fn render(locale: Locale, fields: ServiceFields, problems: Vec<FieldProblem>) -> String {
    ServicePage { locale, fields, problems, readability: None }.render().unwrap()
}

/// The form of `service` as a browser would post it back unchanged.
pub(super) fn posted_form(service: &Service) -> FormInput {
    posted(&render(Locale::Nl, ServiceFields::from_record(Locale::Nl, service, &options()), vec![]))
}

fn read(base: &Service, input: &FormInput) -> Result<Service, Vec<FieldProblem>> {
    read_service(Locale::Nl, base, input, &options())
}

fn problems(base: &Service, changes: &[(&str, &str)]) -> Vec<FieldProblem> {
    read(base, &changed(&posted_form(base), changes)).expect_err("the form has problems")
}

#[test]
fn a_full_service_round_trips_through_its_rendered_form() {
    for service in [full_service(), minimal_service()] {
        for locale in [Locale::Nl, Locale::En] {
            let html = render(locale, ServiceFields::from_record(locale, &service, &options()), vec![]);
            assert_eq!(read_service(locale, &service, &posted(&html), &options()), Ok(service.clone()));
        }
    }
}

#[test]
fn the_rendered_form_posts_what_the_record_gives_plus_empty_rows() {
    let service = full_service();
    let sent = posted_form(&service);
    let not_offered = ["iwmo-07A08", "loc-elders", "nl"];
    for (name, value) in super::super::service::service_input(&service).pairs() {
        if !not_offered.contains(&value.as_str()) {
            assert!(sent.has(name, value), "{name}={value} is not in the rendered form");
        }
    }
    assert_eq!(sent.rows("telefoon"), [1, 2, 3, 4, 5], "three stored lines and two empty rows");
    assert_eq!(sent.rows("kosten"), [1, 2, 3, 4]);
    assert_eq!(sent.rows("uitzondering"), [1, 2, 3, 4]);
}

#[test]
fn fields_the_form_does_not_show_stay_as_stored() {
    let base = full_service();
    let read = read(&base, &changed(&posted_form(&base), &[("naam", "Schuldhulp Teylingen")])).unwrap();
    assert_eq!(read.name.as_str(), "Schuldhulp Teylingen");
    assert_eq!((read.id, read.organisation_id, read.meta), (base.id, base.organisation_id, base.meta));
    assert_eq!((read.areas, read.contacts), (base.areas, base.contacts));
    assert!(read.terms.contains(&id("iwmo-07A08")), "a term of another taxonomy stays");
    assert!(read.locations.iter().any(|l| l.id == id("sal-2")), "a link to another organisation's location stays");
    assert!(read.languages.iter().any(|l| l.code == "nl"), "a language the form does not list stays");
}

#[test]
fn ticking_and_unticking_links_keeps_ids_and_derives_new_ones() {
    let base = full_service();
    let mut pairs: Vec<(String, String)> = posted_form(&base)
        .pairs()
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "thema" | "locatie" | "taal"))
        .cloned()
        .collect();
    for (name, value) in [
        ("thema", "t-wonen"),
        ("thema", "t-zorg"),
        ("thema", "iemand-anders"),
        ("locatie", "loc-2"),
        ("locatie", "loc-1"),
        ("taal", "ar"),
    ] {
        pairs.push((name.into(), value.into()));
    }
    let read = read(&base, &FormInput::new(pairs)).unwrap();
    assert_eq!(read.terms, [id("t-zorg"), id("iwmo-07A08"), id("t-wonen")], "unoffered ids are ignored");
    assert_eq!(read.locations[0], base.locations[0], "a link that stays keeps its id, description and hours");
    assert_eq!(read.locations[1], base.locations[1]);
    let new = &read.locations[2];
    assert_eq!(new.location_id, id("loc-1"));
    assert_eq!(new.id, Id::derived("wegwijs-form/service_at_location", "svc-1/loc-1"));
    let codes: Vec<&str> = read.languages.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["nl", "ar"]);
    assert_eq!(read.languages[1].name, "Arabisch");
}

#[test]
fn a_row_left_empty_is_ignored_and_rows_keep_their_ids() {
    let base = full_service();
    // Empty the first phone row, fill an empty row, and claim a foreign id.
    let input = changed(
        &posted_form(&base),
        &[
            ("telefoon_1_nummer", ""),
            ("telefoon_1_omschrijving", "  "),
            ("telefoon_4_nummer", "071-7654321"),
            ("telefoon_4_id", "ph-van-iemand-anders"),
            ("telefoon_5_id", "ph-2"),
        ],
    );
    let read = read(&base, &input).unwrap();
    let ids: Vec<&str> = read.phones.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids[..2], ["ph-2", "ph-3"]);
    assert_eq!(read.phones.len(), 3);
    assert_ne!(read.phones[2].id, id("ph-van-iemand-anders"));
    assert_eq!(read.phones[2].number.as_str(), "+31717654321");
}

#[test]
fn amounts_are_read_the_dutch_way() {
    let base = minimal_service();
    for (typed, cents) in [("7,50", 750), ("€ 7,50", 750), ("7.50", 750), ("€ 12,-", 1200), ("1.250", 125_000)] {
        let input = changed(&posted_form(&base), &[("kosten_1_waarvoor", "Per keer"), ("kosten_1_bedrag", typed)]);
        assert_eq!(read(&base, &input).unwrap().costs[0].amount_cents, Some(cents), "{typed}");
    }
    let problems = problems(&base, &[("kosten_2_bedrag", "zeven euro"), ("kosten_3_bedrag", "5000000")]);
    assert_eq!(fields_of(&problems), ["kosten_2_bedrag", "kosten_3_bedrag"]);
    assert!(problems[0].message.starts_with("Prijs 2: "), "{}", problems[0].message);
}

#[test]
fn every_problem_is_found_at_once_and_shown_next_to_its_field() {
    let base = full_service();
    let long = |n: usize| "a".repeat(n);
    let (name, summary, description, notes, wait) = (long(201), long(601), long(10_001), long(5_001), long(501));
    let changes = [
        ("naam", name.as_str()),
        ("samenvatting", summary.as_str()),
        ("beschrijving", description.as_str()),
        ("status", "weg"),
        ("website", "javascript:alert(1)"),
        ("email", "geen adres"),
        ("telefoon_1_nummer", "bel ons"),
        ("telefoon_2_nummer", "071-12345"),
        ("telefoon_4_omschrijving", "Alleen een omschrijving"),
        ("uren_di_1_open", "25:00"),
        ("uren_di_1_dicht", "9 uur"),
        ("verwijzing", "dokter"),
        ("leeftijd_min", "achttien"),
        ("wachttijd", wait.as_str()),
        ("professionals", notes.as_str()),
    ];
    let problems = problems(&base, &changes);
    assert_eq!(
        fields_of(&problems),
        [
            "naam",
            "samenvatting",
            "beschrijving",
            "status",
            "website",
            "email",
            "telefoon_1_nummer",
            "telefoon_2_nummer",
            "telefoon_4_nummer",
            "uren_di_1_open",
            "uren_di_1_dicht",
            "verwijzing_1",
            "leeftijd_min",
            "wachttijd",
            "professionals",
        ]
    );
    assert!(problems[0].message.contains("200") && problems[0].message.contains("201"), "{}", problems[0].message);
    let input = changed(&posted_form(&base), &changes);
    let html =
        render(Locale::Nl, ServiceFields::from_input(Locale::Nl, &input, &problems, &options()), problems.clone());
    assert_problems_shown(&html, &problems);
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("<span class=\"visually-hidden\">Fout:</span>"));
    let shown = posted(&html);
    assert_eq!(shown.get("uren_di_1_dicht"), "9 uur", "values are shown as typed");
    assert_eq!(shown.get("email"), "geen adres");
}

#[test]
fn an_empty_name_and_age_problems_are_reported() {
    let base = minimal_service();
    let found = problems(&base, &[("naam", "  "), ("leeftijd_min", "30"), ("leeftijd_max", "18")]);
    assert_eq!(fields_of(&found), ["naam", "leeftijd_max"]);
    assert_eq!(found[0].message, "Naam van de dienst: vul dit in.");
    let found = problems(&base, &[("leeftijd_max", "121"), ("leeftijd_min", "-1")]);
    assert_eq!(fields_of(&found), ["leeftijd_min", "leeftijd_max"]);
}

#[test]
fn too_many_rows_are_refused_with_a_clear_message() {
    let base = minimal_service();
    let mut rows: Vec<(String, String)> = Vec::new();
    for n in 1..=11 {
        rows.push((format!("telefoon_{n}_nummer"), format!("071 123 45 {n:02}")));
        rows.push((format!("kosten_{n}_bedrag"), "1".into()));
    }
    let changes: Vec<(&str, &str)> = rows.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let problems = read(&base, &changed(&posted_form(&base), &changes)).unwrap_err();
    assert_eq!(fields_of(&problems), ["telefoon_11_nummer", "kosten_11_waarvoor"]);
    assert_eq!(problems[0].message, "U kunt maximaal 10 telefoonnummers invullen.");
}

#[test]
fn html_typed_into_any_field_is_kept_as_text_and_escaped() {
    let script = "<script>alert(1)</script>";
    let base = minimal_service();
    let text_fields = [
        "naam",
        "andere_naam",
        "samenvatting",
        "beschrijving",
        "website",
        "email",
        "telefoon_1_nummer",
        "telefoon_1_omschrijving",
        "kosten_1_waarvoor",
        "kosten_1_bedrag",
        "kosten_1_omschrijving",
        "kosten_toelichting",
        "verwijzing_hoe",
        "leeftijd_min",
        "leeftijd_max",
        "voorwaarden",
        "aanmelden",
        "wachttijd",
        "uren_ma_1_open",
        "uren_ma_1_dicht",
        "uitzondering_1_datum",
        "uitzondering_1_reden",
        "uren_opmerking",
        "professionals",
        "status",
        "verwijzing",
    ];
    let changes: Vec<(&str, &str)> = text_fields.iter().map(|f| (*f, script)).collect();
    let input = changed(&posted_form(&base), &changes);
    let problems = read(&base, &input).unwrap_err();
    let html = render(Locale::Nl, ServiceFields::from_input(Locale::Nl, &input, &problems, &options()), problems);
    assert!(!html.contains("<script"), "unescaped script in the page");
    assert!(html.matches("&#60;script&#62;").count() >= 20);
    let shown = posted(&html);
    for field in ["naam", "beschrijving", "uitzondering_1_reden", "professionals"] {
        assert_eq!(shown.get(field), script, "{field} is shown back as typed");
    }
    // Where it is valid text, it is stored as text.
    let text_only = changed(&posted_form(&base), &[("samenvatting", script), ("naam", script)]);
    let read = read(&base, &text_only).unwrap();
    assert_eq!((read.name.as_str(), read.summary.as_str()), (script, script));
}

#[test]
fn the_professional_notes_are_labelled_as_never_shown_to_residents() {
    let html = render(Locale::Nl, ServiceFields::from_record(Locale::Nl, &full_service(), &options()), vec![]);
    assert!(html.contains("Alleen voor professionals"));
    assert!(html.contains("Inwoners zien dit nooit."));
}

#[test]
fn empty_option_lists_hide_their_groups() {
    let fields = ServiceFields::from_record(Locale::Nl, &full_service(), &FormOptions::default());
    let html = render(Locale::Nl, fields, vec![]);
    assert!(!html.contains("name=\"thema\"") && !html.contains("name=\"locatie\""));
    // And saving without them keeps every term and link as stored.
    let base = full_service();
    let read = read_service(Locale::Nl, &base, &posted(&html), &FormOptions::default()).unwrap();
    assert_eq!((read.terms, read.locations), (base.terms, base.locations));
}

#[test]
fn the_error_summary_is_only_there_when_something_is_wrong() {
    let html = render(Locale::Nl, ServiceFields::from_record(Locale::Nl, &minimal_service(), &options()), vec![]);
    assert!(!html.contains("error-summary") && !html.contains("aria-invalid"));
}

#[test]
fn readability_advice_names_long_sentences_and_plainer_words() {
    let jargon = wegwijs_domain::readability::JargonList::new([
        ("problematische schulden".to_owned(), Some("geldproblemen".to_owned())),
        ("indicatie".to_owned(), None),
    ]);
    let long = "Wij bieden ondersteuning aan inwoners met problematische schulden die door omstandigheden in de \
                financiële problemen zijn geraakt en niet meer weten hoe zij hun rekeningen moeten betalen.";
    let input = input(&[("samenvatting", "Hulp bij geld. Het is gratis."), ("beschrijving", long)]);
    let view = ReadabilityView::for_service(Locale::Nl, &input, &jargon);
    assert_eq!(view.texts.len(), 2);
    assert_eq!(view.texts[0].verdict, "Makkelijk te lezen (B1)");
    assert!(view.texts[0].long_sentences.is_empty() && view.texts[0].jargon.is_empty());
    let description = &view.texts[1];
    assert_eq!(description.long_sentences.len(), 1);
    assert_eq!(description.jargon[0].word, "problematische schulden");
    assert_eq!(description.jargon[0].advice, "Schrijf liever: geldproblemen");
    assert!(view.has_advice());
    let empty = ReadabilityView::for_service(Locale::En, &super::input(&[]), &jargon);
    assert_eq!(empty.texts[0].verdict, "There is no text yet.");
    let page = ServicePage {
        locale: Locale::Nl,
        fields: ServiceFields::from_input(Locale::Nl, &input, &[], &options()),
        problems: vec![],
        readability: Some(view),
    };
    let html = page.render().unwrap();
    assert!(html.contains("Schrijf liever: geldproblemen") && html.contains("href=\"#beschrijving\""));
}
