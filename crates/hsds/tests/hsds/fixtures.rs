//! Hand-built records: one with every optional field filled, one with as little as the
//! domain allows, so round trips cover both ends.

use chrono::{DateTime, NaiveDate, TimeZone, Utc, Weekday};
use wegwijs_domain::schedule::{DateException, ExceptionHours, OpeningHours, TimeOfDay, WeeklyHours};
use wegwijs_domain::*;
use wegwijs_hsds::ImportContext;

pub fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

pub fn id(raw: &str) -> Id {
    Id::parse(raw).unwrap()
}

fn time(raw: &str) -> TimeOfDay {
    TimeOfDay::parse(raw).unwrap()
}

fn phone(raw_id: &str, number: &str, kind: PhoneKind, description: Option<&str>) -> Phone {
    Phone {
        id: id(raw_id),
        number: PhoneNumber::parse(number).unwrap(),
        kind,
        description: description.map(Into::into),
    }
}

fn meta(source: &str, verified: bool) -> RecordMeta {
    RecordMeta {
        created: at(2023, 5, 1, 8),
        updated: at(2024, 2, 3, 14),
        verification: verified.then(|| Verification { at: at(2024, 2, 4, 9), by: VerifiedBy::Editor }),
        source: Source { name: source.into(), reference: Some("ref-42".into()) },
    }
}

pub fn context() -> ImportContext {
    ImportContext { now: at(2025, 1, 1, 12), source_name: "feed.json".into() }
}

fn full_hours() -> OpeningHours {
    OpeningHours::new(
        vec![
            WeeklyHours { weekday: Weekday::Mon, opens: time("09:00"), closes: time("12:00") },
            WeeklyHours { weekday: Weekday::Mon, opens: time("13:00"), closes: time("17:00") },
            WeeklyHours { weekday: Weekday::Thu, opens: time("19:00"), closes: time("21:30") },
        ],
        vec![
            DateException {
                date: NaiveDate::from_ymd_opt(2024, 12, 24).unwrap(),
                hours: ExceptionHours::Closed,
                reason: Some("Kerst".into()),
            },
            DateException {
                date: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
                hours: ExceptionHours::Open { opens: time("09:00"), closes: time("12:00") },
                reason: None,
            },
        ],
        true,
        Some("Bel voor een afspraak.".into()),
    )
    .unwrap()
}

pub fn full_organisation() -> Organisation {
    Organisation {
        id: id("org-welzijn"),
        name: Name::parse("Welzijn Teylingen").unwrap(),
        alternate_name: Some("WT".into()),
        description: "Welzijnsorganisatie voor Teylingen.".into(),
        kind: OrganisationKind::Stichting,
        email: Some(EmailAddress::parse("info@welzijnteylingen.nl").unwrap()),
        website: Some(WebUrl::parse("https://www.welzijnteylingen.nl").unwrap()),
        phones: vec![phone("org-phone-1", "0252 123 456", PhoneKind::Voice, Some("Werkdagen 9–12"))],
        contacts: vec![Contact {
            id: id("org-contact-1"),
            name: Some("Anna de Vries".into()),
            title: Some("Directeur".into()),
            email: Some(EmailAddress::parse("anna@welzijnteylingen.nl").unwrap()),
            phones: vec![phone("org-contact-phone", "06 12345678", PhoneKind::Cell, None)],
        }],
        meta: meta("portal", true),
        hsds_extra: HsdsExtra::default(),
    }
}

pub fn full_location() -> Location {
    Location {
        id: id("loc-kennemerhof"),
        organisation_id: Some(id("org-welzijn")),
        name: Name::parse("Dorpshuis De Kennemerhof").unwrap(),
        description: Some("Dorpshuis aan de Hoofdstraat.".into()),
        kind: LocationKind::Physical,
        address: Some(Address {
            street: "Hoofdstraat 12a".into(),
            postal_code: PostalCode::parse("2171 AB").unwrap(),
            city: "Sassenheim".into(),
            municipality: Some("Teylingen".into()),
        }),
        point: Some(GeoPoint::new(52.225, 4.52222).unwrap()),
        transportation: Some("Bus 50, halte Kerk".into()),
        accessibility: Some("Rolstoeltoegankelijk, ringleiding".into()),
        phones: vec![phone("loc-phone-1", "0252 654 321", PhoneKind::Voice, None)],
        opening_hours: full_hours(),
        meta: meta("demo", true),
        hsds_extra: HsdsExtra::default(),
    }
}

pub fn second_location() -> Location {
    Location {
        id: id("loc-chat"),
        organisation_id: None,
        name: Name::parse("Chat").unwrap(),
        description: None,
        kind: LocationKind::Virtual,
        address: None,
        point: None,
        transportation: None,
        accessibility: None,
        phones: vec![],
        opening_hours: OpeningHours::default(),
        meta: meta("demo", false),
        hsds_extra: HsdsExtra::default(),
    }
}

pub fn taxonomies() -> (Vec<Taxonomy>, Vec<TaxonomyTerm>) {
    let taxonomy = Taxonomy {
        id: id("thema"),
        name: Name::parse("Thema's").unwrap(),
        description: "Thema's van de sociale kaart".into(),
        uri: Some("https://example.invalid/thema".into()),
        version: Some("1".into()),
    };
    let term = |raw: &str, name: &str| TaxonomyTerm {
        id: id(raw),
        taxonomy_id: id("thema"),
        code: raw.into(),
        name: Name::parse(name).unwrap(),
        description: format!("Alles over {name}"),
        lay_name: name.into(),
        synonyms: vec![],
        parent_id: None,
    };
    (vec![taxonomy], vec![term("thema-geld", "Geld"), term("thema-eenzaamheid", "Eenzaamheid")])
}

pub fn full_service() -> Service {
    Service {
        id: id("svc-maatjes"),
        organisation_id: id("org-welzijn"),
        name: Name::parse("Maatjesproject").unwrap(),
        alternate_name: Some("Maatje gezocht".into()),
        summary: "Een vrijwilliger die samen met u iets onderneemt.".into(),
        description: "Wij koppelen vrijwilligers aan inwoners. Lees verder op de website.".into(),
        status: ServiceStatus::TemporarilyClosed,
        url: Some(WebUrl::parse("https://www.welzijnteylingen.nl/maatjes").unwrap()),
        email: Some(EmailAddress::parse("maatjes@welzijnteylingen.nl").unwrap()),
        phones: vec![phone("svc-phone-1", "071 512 3456", PhoneKind::Voice, Some("Spreekuur"))],
        contacts: vec![Contact {
            id: id("svc-contact-1"),
            name: Some("Piet".into()),
            title: None,
            email: None,
            phones: vec![],
        }],
        opening_hours: full_hours(),
        areas: vec![ServiceArea {
            id: id("area-1"),
            kind: AreaKind::Gemeente,
            code: "GM1525".into(),
            name: "Teylingen".into(),
        }],
        languages: vec![Language {
            id: id("lang-tr"),
            code: "tr".into(),
            name: "Turks".into(),
            note: Some("met tolk".into()),
        }],
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
                amount_description: Some("€ 2,– tot € 5,–".into()),
            },
        ],
        fees_description: Some("Gratis, maaltijd € 7,50.".into()),
        funding: vec![FundingScheme::Wmo, FundingScheme::EigenBetaling],
        referral: Referral { route: ReferralRoute::Wijkteam, how: Some("Via het wijkteam.".into()) },
        eligibility: Eligibility {
            min_age: Some(18),
            max_age: Some(99),
            target_groups: vec![TargetGroup::Ouderen, TargetGroup::Mantelzorgers],
            description: Some("U woont in Teylingen.".into()),
        },
        application_process: Some("Bel of mail ons.".into()),
        wait_time: Some("Twee weken".into()),
        terms: vec![id("thema-geld"), id("thema-eenzaamheid")],
        locations: vec![
            ServiceAtLocation {
                id: id("sal-1"),
                location_id: id("loc-kennemerhof"),
                description: Some("Spreekuur op dinsdag".into()),
                opening_hours: OpeningHours::new(
                    vec![WeeklyHours { weekday: Weekday::Tue, opens: time("10:00"), closes: time("11:30") }],
                    vec![],
                    false,
                    Some("Alleen op afspraak".into()),
                )
                .unwrap(),
            },
            ServiceAtLocation {
                id: id("sal-2"),
                location_id: id("loc-chat"),
                description: None,
                opening_hours: OpeningHours::default(),
            },
        ],
        professional_notes: Some("Direct lijn intake: 071 000 0000".into()),
        meta: meta("portal", true),
        hsds_extra: HsdsExtra::default(),
    }
}

/// The least a service can be; its metadata is what an import of a bare feed gives.
pub fn minimal_service() -> Service {
    Service {
        id: id("svc-min"),
        organisation_id: id("org-min"),
        name: Name::parse("Inloop").unwrap(),
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
        meta: RecordMeta::new(context().now, Source::named("feed.json")),
        hsds_extra: HsdsExtra::default(),
    }
}

pub fn minimal_organisation() -> Organisation {
    Organisation {
        id: id("org-min"),
        name: Name::parse("Buurtclub").unwrap(),
        alternate_name: None,
        description: "Een buurtclub.".into(),
        kind: OrganisationKind::Overig,
        email: None,
        website: None,
        phones: vec![],
        contacts: vec![],
        meta: RecordMeta::new(context().now, Source::named("feed.json")),
        hsds_extra: HsdsExtra::default(),
    }
}
