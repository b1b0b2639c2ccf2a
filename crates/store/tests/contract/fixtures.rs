//! Small builders for records. `full_*` fill every optional field so a round trip
//! proves nothing is lost; `*_named` give the bare minimum for listing tests.

use chrono::{DateTime, NaiveDate, TimeZone, Utc, Weekday};
use wegwijs_domain::schedule::{DateException, ExceptionHours, OpeningHours, TimeOfDay, WeeklyHours};
use wegwijs_domain::*;

pub fn id(raw: &str) -> Id {
    Id::parse(raw).expect("fixture id")
}

fn name(raw: &str) -> Name {
    Name::parse(raw).expect("fixture name")
}

pub fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 30, 15).unwrap()
}

fn meta() -> RecordMeta {
    RecordMeta::new(at(1), Source::named("contract-test"))
}

fn full_meta() -> RecordMeta {
    RecordMeta {
        created: at(1),
        updated: at(2) + chrono::Duration::microseconds(123_456),
        verification: Some(Verification { at: at(3), by: VerifiedBy::Editor }),
        source: Source { name: "sociale-kaart.csv".into(), reference: Some("row-17".into()) },
    }
}

fn phone(raw_id: &str) -> Phone {
    Phone {
        id: id(raw_id),
        number: PhoneNumber::parse("071-123 45 67").expect("phone"),
        kind: PhoneKind::Cell,
        description: Some("Bereikbaar op werkdagen van 9.00 tot 12.00 uur".into()),
    }
}

fn hours() -> OpeningHours {
    let t = |h, m| TimeOfDay::from_hm(h, m).unwrap();
    OpeningHours::new(
        vec![
            WeeklyHours { weekday: Weekday::Tue, opens: t(13, 0), closes: t(17, 0) },
            WeeklyHours { weekday: Weekday::Tue, opens: t(9, 0), closes: t(12, 0) },
        ],
        vec![
            DateException {
                date: NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
                hours: ExceptionHours::Closed,
                reason: Some("Kerstavond".into()),
            },
            DateException {
                date: NaiveDate::from_ymd_opt(2026, 12, 22).unwrap(),
                hours: ExceptionHours::Open { opens: t(18, 0), closes: t(21, 0) },
                reason: None,
            },
        ],
        true,
        Some("Op afspraak".into()),
    )
    .expect("hours")
}

pub fn taxonomy(raw_id: &str) -> Taxonomy {
    Taxonomy {
        id: id(raw_id),
        name: name("Thema's"),
        description: "Thema's van de sociale kaart".into(),
        uri: Some("https://example.invalid/thema".into()),
        version: Some("2026.1".into()),
    }
}

pub fn term(raw_id: &str, taxonomy_id: &str) -> TaxonomyTerm {
    TaxonomyTerm {
        id: id(raw_id),
        taxonomy_id: id(taxonomy_id),
        code: raw_id.into(),
        name: name("Schuldhulpverlening"),
        description: "Hulp bij schulden".into(),
        lay_name: "Hulp bij geldzaken".into(),
        synonyms: vec!["schulden".into(), "geldproblemen".into()],
        parent_id: Some(id("thema-geld")),
    }
}

pub fn organisation_named(raw_id: &str, org_name: &str) -> Organisation {
    Organisation {
        id: id(raw_id),
        name: name(org_name),
        alternate_name: None,
        description: "Een organisatie".into(),
        kind: OrganisationKind::Stichting,
        email: None,
        website: None,
        phones: vec![],
        contacts: vec![],
        meta: meta(),
        hsds_extra: Default::default(),
    }
}

pub fn full_organisation(raw_id: &str) -> Organisation {
    Organisation {
        alternate_name: Some("SWT".into()),
        kind: OrganisationKind::Vereniging,
        email: Some(EmailAddress::parse("info@welzijn.example").expect("email")),
        website: Some(WebUrl::parse("https://welzijn.example/").expect("url")),
        phones: vec![phone("org-phone-1")],
        contacts: vec![Contact {
            id: id("org-contact-1"),
            name: Some("Fatma Yılmaz".into()),
            title: Some("Consulent schuldhulpverlening".into()),
            email: Some(EmailAddress::parse("fatma@welzijn.example").expect("email")),
            phones: vec![phone("org-contact-phone-1")],
        }],
        meta: full_meta(),
        ..organisation_named(raw_id, "Stichting Welzijn Teylingen — één loket")
    }
}

pub fn location_named(raw_id: &str, organisation_id: Option<&str>) -> Location {
    Location {
        id: id(raw_id),
        organisation_id: organisation_id.map(id),
        name: name("Dorpshuis De Kennemerhof"),
        description: None,
        kind: LocationKind::Physical,
        address: None,
        point: None,
        transportation: None,
        accessibility: None,
        phones: vec![],
        opening_hours: OpeningHours::default(),
        meta: meta(),
        hsds_extra: Default::default(),
    }
}

pub fn full_location(raw_id: &str, organisation_id: &str) -> Location {
    Location {
        description: Some("Grote zaal op de eerste verdieping".into()),
        kind: LocationKind::Virtual,
        address: Some(Address {
            street: "Hoofdstraat 12a".into(),
            postal_code: PostalCode::parse("2171ab").expect("postcode"),
            city: "Sassenheim".into(),
            municipality: Some("Teylingen".into()),
        }),
        point: Some(GeoPoint::new(52.225_012_345_678_9, 4.522_220_000_000_1).expect("point")),
        transportation: Some("Bus 50, halte Kerk".into()),
        accessibility: Some("Rolstoeltoegankelijk, ringleiding".into()),
        phones: vec![phone("loc-phone-1")],
        opening_hours: hours(),
        meta: full_meta(),
        ..location_named(raw_id, Some(organisation_id))
    }
}

pub fn service_named(raw_id: &str, organisation_id: &str, service_name: &str) -> Service {
    Service {
        id: id(raw_id),
        organisation_id: id(organisation_id),
        name: name(service_name),
        alternate_name: None,
        summary: "Hulp".into(),
        description: "Hulp voor inwoners".into(),
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
        hsds_extra: Default::default(),
    }
}

/// Every optional field set; refers to `terms` and `locations`, which must exist.
pub fn full_service(raw_id: &str, organisation_id: &str, terms: &[&str], locations: &[&str]) -> Service {
    Service {
        alternate_name: Some("Schuldhulp".into()),
        status: ServiceStatus::TemporarilyClosed,
        url: Some(WebUrl::parse("www.welzijn.example/schuldhulp").expect("url")),
        email: Some(EmailAddress::parse("schuldhulp@welzijn.example").expect("email")),
        phones: vec![phone("svc-phone-1")],
        contacts: vec![Contact { id: id("svc-contact-1"), name: None, title: None, email: None, phones: vec![] }],
        opening_hours: hours(),
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
        costs: vec![CostOption {
            id: id("cost-1"),
            option: "Per maaltijd".into(),
            amount_cents: Some(750),
            amount_description: Some("€ 7,50".into()),
        }],
        fees_description: Some("Gratis. Alleen de maaltijd kost € 7,50.".into()),
        funding: vec![FundingScheme::Wmo, FundingScheme::EigenBetaling],
        referral: Referral { route: ReferralRoute::Huisarts, how: Some("Vraag uw huisarts.".into()) },
        eligibility: Eligibility {
            min_age: Some(18),
            max_age: Some(67),
            target_groups: vec![TargetGroup::LaagInkomen, TargetGroup::Mantelzorgers],
            description: Some("U woont in Teylingen".into()),
        },
        application_process: Some("Bel of mail ons.".into()),
        wait_time: Some("Twee weken".into()),
        terms: terms.iter().map(|t| id(t)).collect(),
        locations: locations
            .iter()
            .enumerate()
            .map(|(i, l)| ServiceAtLocation {
                id: id(&format!("{raw_id}-at-{i}")),
                location_id: id(l),
                description: Some("Spreekuur".into()),
                opening_hours: hours(),
            })
            .collect(),
        professional_notes: Some("Direct nummer intake: 071-7654321".into()),
        meta: full_meta(),
        ..service_named(raw_id, organisation_id, "Schuldhulpverlening")
    }
}

/// Commits a taxonomy `thema` with terms `t1`, `t2`, `t3`, organisation `org` and
/// locations `loc1`, `loc2` (both of `org`).
pub async fn seed(store: &wegwijs_store::Store) {
    let mut tx = store.begin().await.unwrap();
    tx.put_taxonomy(&taxonomy("thema")).await.unwrap();
    for t in ["t1", "t2", "t3"] {
        tx.put_taxonomy_term(&term(t, "thema")).await.unwrap();
    }
    tx.put_organisation(&full_organisation("org")).await.unwrap();
    tx.put_location(&full_location("loc1", "org")).await.unwrap();
    tx.put_location(&full_location("loc2", "org")).await.unwrap();
    tx.commit().await.unwrap();
}

/// The password every fixture account gets (long enough to be accepted).
pub const PASSWORD: &str = "correct paard batterij nietje";

/// An account to create with [`PASSWORD`].
pub fn new_user(email: &str, role: wegwijs_domain::Role, organisations: &[&str]) -> wegwijs_store::NewUser {
    wegwijs_store::NewUser {
        email: EmailAddress::parse(email).expect("fixture e-mail"),
        name: format!("Naam van {email}"),
        role,
        organisations: organisations.iter().map(|o| id(o)).collect(),
        password: Some(PASSWORD.to_owned()),
    }
}

/// Creates an account with [`PASSWORD`].
pub async fn add_user(
    store: &wegwijs_store::Store,
    email: &str,
    role: wegwijs_domain::Role,
    organisations: &[&str],
) -> wegwijs_store::User {
    store.create_user(&new_user(email, role, organisations)).await.expect("create fixture user")
}

/// Commits one organisation with a bare minimum of fields.
pub async fn add_organisation(store: &wegwijs_store::Store, raw_id: &str) {
    let mut tx = store.begin().await.unwrap();
    tx.put_organisation(&organisation_named(raw_id, &format!("Organisatie {raw_id}"))).await.unwrap();
    tx.commit().await.unwrap();
}
