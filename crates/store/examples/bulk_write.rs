//! Times a bulk import in one transaction: by default 100,000 services, 25,000
//! organisations and 35,000 locations, each service with 3 terms and 1–2 locations.
//!
//! `cargo run --release -p wegwijs-store --example bulk_write -- [URL] [SERVICES]`
//! (URL defaults to a fresh SQLite file in a temporary directory). Runs the import
//! twice: the second run must report every record unchanged.

use chrono::{TimeZone, Utc};
use std::time::Instant;
use wegwijs_domain::*;
use wegwijs_store::{Store, Written};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = tempfile::tempdir()?;
    let url = args.next().unwrap_or_else(|| dir.path().join("bulk.db").display().to_string());
    let services: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(100_000);
    let organisations = services / 4;
    let locations = services * 35 / 100;

    let store = Store::connect(&url).await?;
    store.migrate().await?;
    let data = Data::new(services, organisations, locations);
    for round in ["first import", "same import again"] {
        let started = Instant::now();
        let mut counts = [0usize; 3];
        let mut count = |w: Written| counts[w as usize] += 1;
        let mut tx = store.begin().await?;
        for t in &data.taxonomies {
            count(tx.put_taxonomy(t).await?);
        }
        for t in &data.terms {
            count(tx.put_taxonomy_term(t).await?);
        }
        for o in &data.organisations {
            count(tx.put_organisation(o).await?);
        }
        for l in &data.locations {
            count(tx.put_location(l).await?);
        }
        let before_services = started.elapsed();
        for s in &data.services {
            count(tx.put_service(s).await?);
        }
        tx.commit().await?;
        println!(
            "{round}: {:.1} s ({:.1} s before services); inserted {}, updated {}, unchanged {}",
            started.elapsed().as_secs_f64(),
            before_services.as_secs_f64(),
            counts[0],
            counts[1],
            counts[2]
        );
    }
    println!("services {}, last change seq {}", store.service_count().await?, store.last_change_seq().await?);
    let started = Instant::now();
    let (mut after, mut walked) = (None, 0);
    loop {
        let batch = store.services_after(after.as_ref(), 1000).await?;
        let Some(last) = batch.last() else { break };
        walked += batch.len();
        after = Some(last.id.clone());
    }
    println!("keyset walk of {walked} services: {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

struct Data {
    taxonomies: Vec<Taxonomy>,
    terms: Vec<TaxonomyTerm>,
    organisations: Vec<Organisation>,
    locations: Vec<Location>,
    services: Vec<Service>,
}

impl Data {
    fn new(services: usize, organisations: usize, locations: usize) -> Self {
        let id = |kind: &str, i: usize| Id::derived(kind, &i.to_string());
        let name = |raw: String| Name::parse(&raw).unwrap();
        let meta = RecordMeta::new(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(), Source::named("bulk"));
        let taxonomy = Taxonomy {
            id: Id::parse("thema").unwrap(),
            name: name("Thema's".into()),
            description: "Thema's".into(),
            uri: None,
            version: None,
        };
        let terms: Vec<TaxonomyTerm> = (0..60)
            .map(|i| TaxonomyTerm {
                id: id("term", i),
                taxonomy_id: taxonomy.id.clone(),
                code: format!("t{i}"),
                name: name(format!("Term {i}")),
                description: "Een thema".into(),
                lay_name: "Hulp".into(),
                synonyms: vec!["hulp".into()],
                parent_id: None,
            })
            .collect();
        let organisations: Vec<Organisation> = (0..organisations)
            .map(|i| Organisation {
                id: id("org", i),
                name: name(format!("Stichting {i}")),
                alternate_name: None,
                description: "Welzijnsorganisatie in de regio, met vrijwilligers en beroepskrachten.".into(),
                kind: OrganisationKind::Stichting,
                email: Some(EmailAddress::parse(&format!("info{i}@example.nl")).unwrap()),
                website: Some(WebUrl::parse(&format!("https://org{i}.example.nl/")).unwrap()),
                phones: vec![],
                contacts: vec![],
                meta: meta.clone(),
                hsds_extra: Default::default(),
            })
            .collect();
        let locations: Vec<Location> = (0..locations)
            .map(|i| Location {
                id: id("loc", i),
                organisation_id: Some(id("org", i % organisations.len())),
                name: name(format!("Buurthuis {i}")),
                description: Some("Buurthuis met koffie".into()),
                kind: LocationKind::Physical,
                address: Some(Address {
                    street: format!("Hoofdstraat {i}"),
                    postal_code: PostalCode::parse("2171 AB").unwrap(),
                    city: "Sassenheim".into(),
                    municipality: Some("Teylingen".into()),
                }),
                point: Some(GeoPoint::new(52.2 + (i as f64) * 1e-6, 4.5).unwrap()),
                transportation: None,
                accessibility: Some("Rolstoeltoegankelijk".into()),
                phones: vec![],
                opening_hours: Default::default(),
                meta: meta.clone(),
                hsds_extra: Default::default(),
            })
            .collect();
        let services = (0..services)
            .map(|i| Service {
                id: id("svc", i),
                organisation_id: id("org", i % organisations.len()),
                name: name(format!("Dienst {i}")),
                alternate_name: None,
                summary: "Wij helpen u met vragen over geld, wonen en zorg.".into(),
                description: "Een uitgebreide beschrijving van de dienst, voor professionals en inwoners, \
                    met uitleg over de aanpak, de doelgroep en de manier van aanmelden."
                    .into(),
                status: ServiceStatus::Active,
                url: None,
                email: None,
                phones: vec![],
                contacts: vec![],
                opening_hours: Default::default(),
                areas: vec![],
                languages: vec![],
                costs: vec![],
                fees_description: Some("Gratis".into()),
                funding: vec![FundingScheme::Wmo],
                referral: Referral::none(),
                eligibility: Eligibility::default(),
                application_process: None,
                wait_time: None,
                terms: (0..3).map(|k| id("term", (i * 7 + k * 13) % 60)).collect(),
                locations: (0..1 + i % 2)
                    .map(|k| ServiceAtLocation {
                        id: id("sal", i * 2 + k),
                        location_id: id("loc", (i + k * 17) % locations.len()),
                        description: None,
                        opening_hours: Default::default(),
                    })
                    .collect(),
                professional_notes: None,
                meta: meta.clone(),
                hsds_extra: Default::default(),
            })
            .collect();
        Self { taxonomies: vec![taxonomy], terms, organisations, locations, services }
    }
}
