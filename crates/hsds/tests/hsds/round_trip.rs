//! Domain → HSDS → domain gives the same records, and HSDS → domain → HSDS the same
//! bytes.

use crate::fixtures::*;
use serde_json::{Value, json};
use wegwijs_domain::{Location, Organisation, Service};
use wegwijs_hsds::{ExportOptions, HsdsFileWriter, ImportBatch, TermLookup, read_services, service_to_hsds};

const PROFESSIONAL: ExportOptions = ExportOptions { include_professional: true };

fn export(services: &[(Service, Organisation)], locations: &[Location], options: ExportOptions) -> String {
    let (taxonomies, terms) = taxonomies();
    let lookup = TermLookup::new(&taxonomies, &terms);
    let mut writer = HsdsFileWriter::new(Vec::new()).unwrap();
    for (service, org) in services {
        writer.push(&service_to_hsds(service, org, locations, &lookup, options)).unwrap();
    }
    String::from_utf8(writer.finish().unwrap().0).unwrap()
}

fn import(json: &str) -> ImportBatch {
    read_services(json.as_bytes(), &context()).unwrap_or_else(|error| panic!("{error}\n{json}"))
}

fn full() -> Vec<(Service, Organisation)> {
    vec![(full_service(), full_organisation())]
}

#[test]
fn a_full_service_comes_back_equal_from_a_professional_export() {
    let batch = import(&export(&full(), &[full_location(), second_location()], PROFESSIONAL));
    assert_eq!(batch.services, vec![full_service()]);
    assert_eq!(batch.organisations, vec![full_organisation()]);
    assert_eq!(batch.locations, vec![full_location(), second_location()]);
    assert_eq!(batch.term_ids.iter().map(|id| id.as_str()).collect::<Vec<_>>(), ["thema-eenzaamheid", "thema-geld"]);
}

#[test]
fn a_public_export_comes_back_equal_except_for_the_professional_notes() {
    let batch = import(&export(&full(), &[full_location(), second_location()], ExportOptions::default()));
    let mut expected = full_service();
    expected.professional_notes = None;
    assert_eq!(batch.services, vec![expected]);
}

#[test]
fn a_public_export_never_contains_professional_notes() {
    let json = export(&full(), &[full_location(), second_location()], ExportOptions::default());
    assert!(!json.contains("professional_notes"), "{json}");
    assert!(!json.contains("Direct lijn intake"));
    let professional = export(&full(), &[full_location(), second_location()], PROFESSIONAL);
    let professional: Value = serde_json::from_str(&professional).unwrap();
    assert_eq!(professional[0]["professional_notes"], "Direct lijn intake: 071 000 0000");
}

#[test]
fn a_minimal_service_comes_back_equal() {
    let batch = import(&export(&[(minimal_service(), minimal_organisation())], &[], ExportOptions::default()));
    assert_eq!(batch.services, vec![minimal_service()]);
    assert_eq!(batch.organisations, vec![minimal_organisation()]);
    assert!(batch.locations.is_empty() && batch.term_ids.is_empty());
}

#[test]
fn export_import_export_gives_identical_bytes() {
    let services = vec![(full_service(), full_organisation()), (minimal_service(), minimal_organisation())];
    let locations = [full_location(), second_location()];
    let first = export(&services, &locations, PROFESSIONAL);
    let batch = import(&first);
    let again: Vec<(Service, Organisation)> = batch
        .services
        .iter()
        .map(|s| (s.clone(), batch.organisations.iter().find(|o| o.id == s.organisation_id).unwrap().clone()))
        .collect();
    assert_eq!(export(&again, &batch.locations, PROFESSIONAL), first);
}

#[test]
fn exporting_twice_gives_identical_bytes_with_derived_nested_ids() {
    let a = export(&full(), &[full_location(), second_location()], PROFESSIONAL);
    let b = export(&full(), &[full_location(), second_location()], PROFESSIONAL);
    assert_eq!(a, b);
    let value: Value = serde_json::from_str(&a).unwrap();
    let address_id = value[0]["service_at_locations"][0]["location"]["addresses"][0]["id"].as_str().unwrap();
    assert_eq!(address_id.len(), 36, "a derived UUID: {address_id}");
}

#[test]
fn organisations_and_locations_shared_by_services_are_kept_once() {
    let mut second = full_service();
    second.id = id("svc-tweede");
    let json = export(
        &[(full_service(), full_organisation()), (second, full_organisation())],
        &[full_location(), second_location()],
        PROFESSIONAL,
    );
    let batch = import(&json);
    assert_eq!(batch.services.len(), 2);
    assert_eq!(batch.organisations.len(), 1);
    assert_eq!(batch.locations.len(), 2);
}

#[test]
fn the_export_puts_standard_fields_in_their_hsds_places() {
    let json = export(&full(), &[full_location(), second_location()], ExportOptions::default());
    let v: Value = serde_json::from_str(&json).unwrap();
    let s = &v[0];
    assert_eq!(s["status"], "temporarily closed");
    assert_eq!(s["assured_date"], "2024-02-04");
    assert_eq!(s["last_modified"], "2024-02-03T14:00:00Z");
    assert_eq!(s["minimum_age"], 18);
    assert_eq!(s["schedules"][0]["freq"], "WEEKLY");
    assert_eq!(s["schedules"][0]["byday"], "MO");
    assert_eq!(s["schedules"][0]["opens_at"], "09:00");
    assert_eq!(s["schedules"][0]["closes_at"], "12:00");
    assert_eq!(s["service_areas"][0]["extent"], "GM1525");
    assert_eq!(s["cost_options"][0]["amount"], 7.5);
    assert_eq!(s["cost_options"][0]["currency"], "EUR");
    assert_eq!(s["funding"][0]["scheme"], "wmo");
    assert_eq!(s["funding"][0]["source"], "Wmo (gemeente)");
    assert_eq!(s["attributes"][0]["link_entity"], "service");
    assert_eq!(s["attributes"][0]["taxonomy_term"]["taxonomy_id"], "thema");
    assert_eq!(s["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["name"], "Thema's");
    assert_eq!(s["organization"]["legal_status"], "stichting");
    let location = &s["service_at_locations"][0]["location"];
    assert_eq!(location["addresses"][0]["region"], "Teylingen");
    assert_eq!(location["addresses"][0]["country"], "NL");
    assert_eq!(location["addresses"][0]["postal_code"], "2171 AB");
    assert_eq!(location["accessibility"][0]["description"], "Rolstoeltoegankelijk, ringleiding");
    assert_eq!(s["referral"], serde_json::json!({"required": true, "route": "wijkteam", "how": "Via het wijkteam."}));
    assert_eq!(s["opening_hours"]["closed_on_public_holidays"], true);
}

#[test]
fn the_export_always_has_the_fields_hsds_requires() {
    let json = export(&full(), &[full_location(), second_location()], ExportOptions::default());
    let v: Value = serde_json::from_str(&json).unwrap();
    let has = |object: &Value, fields: &[&str]| {
        for field in fields {
            assert!(object.get(field).is_some(), "{field} missing in {object}");
        }
    };
    let s = &v[0];
    has(s, &["id", "name", "status"]);
    has(&s["organization"], &["id", "name", "description"]);
    has(&s["phones"][0], &["id", "number"]);
    has(&s["attributes"][0]["taxonomy_term"], &["id", "name", "description"]);
    for sal in s["service_at_locations"].as_array().unwrap() {
        has(&sal["location"], &["id", "location_type"]);
    }
    has(
        &s["service_at_locations"][0]["location"]["addresses"][0],
        &["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
    );
}

#[test]
fn a_foreign_feed_without_extensions_gets_sensible_defaults() {
    let json = r#"[{
        "id": "ext-1", "name": "Voedselbank", "status": "active",
        "description": "Wij delen voedselpakketten uit. Aanmelden via de gemeente.",
        "last_modified": "2024-06-01T10:00:00Z", "assured_date": "2024-05-30",
        "funding": [{"id": "f1", "source": "Gratis"}],
        "organization": {"id": "ext-org", "name": "Stichting Voedselbank", "description": "Voedselhulp."}
    }]"#;
    let batch = import(json);
    let service = &batch.services[0];
    assert_eq!(service.summary, "Wij delen voedselpakketten uit.");
    assert_eq!(service.referral, wegwijs_domain::Referral::none());
    assert_eq!(service.funding, vec![wegwijs_domain::FundingScheme::Gratis]);
    assert_eq!(service.meta.updated, at(2024, 6, 1, 10));
    assert_eq!(service.meta.created, at(2024, 6, 1, 10));
    assert_eq!(service.meta.source.name, "feed.json");
    assert_eq!(service.meta.source.reference.as_deref(), Some("ext-1"));
    let verification = service.meta.verification.as_ref().unwrap();
    assert_eq!((verification.at, verification.by), (at(2024, 5, 30, 0), wegwijs_domain::VerifiedBy::Import));
    assert_eq!(batch.organisations[0].meta.created, context().now);
}

#[test]
fn a_single_service_object_is_read_like_an_array_of_one() {
    let json = export(&[(minimal_service(), minimal_organisation())], &[], ExportOptions::default());
    let value: Value = serde_json::from_str(&json).unwrap();
    let single = serde_json::to_string(&value[0]).unwrap();
    assert_eq!(import(&single).services, vec![minimal_service()]);
}

#[test]
fn an_export_of_wegwijs_records_keeps_no_extras() {
    let services = vec![(full_service(), full_organisation()), (minimal_service(), minimal_organisation())];
    let batch = import(&export(&services, &[full_location(), second_location()], PROFESSIONAL));
    assert!(batch.services.iter().all(|s| s.hsds_extra.is_empty()), "{:?}", batch.services[0].hsds_extra);
    assert!(batch.organisations.iter().all(|o| o.hsds_extra.is_empty()));
    assert!(batch.locations.iter().all(|l| l.hsds_extra.is_empty()));
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
}

#[test]
fn professional_notes_are_read_from_the_top_level() {
    let mut value: Value =
        serde_json::from_str(&export(&[(minimal_service(), minimal_organisation())], &[], ExportOptions::default()))
            .unwrap();
    value[0]["professional_notes"] = "Intake via de wijkcoach".into();
    let batch = import(&value.to_string());
    assert_eq!(batch.services[0].professional_notes.as_deref(), Some("Intake via de wijkcoach"));
    assert!(batch.services[0].hsds_extra.is_empty(), "professional notes must never become an extra");
}

/// The export as Wegwijs wrote it before the profile's fields became top-level
/// properties: one `x_wegwijs` object per record, and funding as a bare code.
fn old_form(value: &mut Value) {
    let take = |object: &mut serde_json::Map<String, Value>, keys: &[&str]| {
        let mut x = serde_json::Map::new();
        for key in keys {
            if let Some(v) = object.remove(*key) {
                x.insert((*key).to_owned(), v);
            }
        }
        if let (Some(at), by) = (x.remove("verified_at"), x.remove("verified_by")) {
            x.insert("verification".into(), json!({"at": at, "by": by}));
        }
        x
    };
    let service = value.as_object_mut().unwrap();
    let mut x = take(
        service,
        &[
            "summary",
            "referral",
            "eligibility",
            "professional_notes",
            "created",
            "verified_at",
            "verified_by",
            "source",
            "opening_hours",
        ],
    );
    if let Some(referral) = x.get_mut("referral").and_then(Value::as_object_mut) {
        referral.remove("required");
    }
    if let Some(Value::Object(mut eligibility)) = x.remove("eligibility") {
        x.insert("target_groups".into(), eligibility.remove("target_groups").unwrap());
    }
    service.insert("x_wegwijs".into(), Value::Object(x));
    for funding in service.get_mut("funding").and_then(Value::as_array_mut).into_iter().flatten() {
        let scheme = funding.as_object_mut().unwrap().remove("scheme").unwrap();
        funding["source"] = scheme;
    }
    let record_keys = ["created", "updated", "verified_at", "verified_by", "source", "opening_hours"];
    let org = service.get_mut("organization").unwrap().as_object_mut().unwrap();
    let x = take(org, &record_keys);
    org.insert("x_wegwijs".into(), Value::Object(x));
    for sal in service.get_mut("service_at_locations").and_then(Value::as_array_mut).into_iter().flatten() {
        let sal = sal.as_object_mut().unwrap();
        if let Some(hours) = sal.remove("opening_hours") {
            sal.insert("x_wegwijs".into(), hours);
        }
        if let Some(location) = sal.get_mut("location").and_then(Value::as_object_mut) {
            let x = take(location, &record_keys);
            location.insert("x_wegwijs".into(), Value::Object(x));
        }
    }
}

#[test]
fn a_file_in_the_old_x_wegwijs_form_imports_to_the_same_records() {
    let services = vec![(full_service(), full_organisation()), (minimal_service(), minimal_organisation())];
    let locations = [full_location(), second_location()];
    let mut old: Value = serde_json::from_str(&export(&services, &locations, PROFESSIONAL)).unwrap();
    old.as_array_mut().unwrap().iter_mut().for_each(old_form);
    assert_eq!(old[0]["x_wegwijs"]["referral"], json!({"route": "wijkteam", "how": "Via het wijkteam."}));
    assert_eq!(old[0]["funding"][0]["source"], "wmo");
    let batch = import(&old.to_string());
    assert_eq!(batch.services, vec![full_service(), minimal_service()]);
    assert_eq!(batch.organisations, vec![full_organisation(), minimal_organisation()]);
    assert_eq!(batch.locations, locations);
    // Exported again, the file is in the new form, and the old objects are gone.
    let again = export(&services, &batch.locations, PROFESSIONAL);
    assert!(!again.contains("x_wegwijs"), "{again}");
    assert_eq!(again, export(&services, &locations, PROFESSIONAL));
}

#[test]
fn an_old_x_wegwijs_object_never_comes_back_in_a_public_export() {
    let mut old: Value =
        serde_json::from_str(&export(&full(), &[full_location(), second_location()], PROFESSIONAL)).unwrap();
    old.as_array_mut().unwrap().iter_mut().for_each(old_form);
    let batch = import(&old.to_string());
    let org = &batch.organisations[0];
    let public =
        service_to_hsds(&batch.services[0], org, &batch.locations, &TermLookup::default(), ExportOptions::default());
    let text = public.to_string();
    assert!(!text.contains("x_wegwijs") && !text.contains("Direct lijn intake"), "{text}");
}

/// A foreign service with values Wegwijs writes in its own way, and fields it has no
/// place for.
fn foreign() -> Value {
    json!([{
        "id": "ext-1", "name": "Voedselbank", "status": "active", "description": "Voedselpakketten.",
        "email": "INFO@Voedselbank.nl", "alert": "Gesloten in augustus",
        "phones": [{"id": "ph-1", "number": "071-5123456", "extension": "12"}],
        "organization": {"id": "ext-org", "name": "Stichting Voedselbank", "description": "Voedselhulp.", "tax_id": "NL123"},
        "service_at_locations": [{"id": "sal-x", "location": {
            "id": "loc-x", "name": "Uitgiftepunt", "location_type": "physical", "latitude": 100, "longitude": 4.5,
            "url": "https://voedselbank.example/uitgifte"
        }}]
    }])
}

fn export_batch(batch: &ImportBatch) -> Value {
    let org = batch.organisations.iter().find(|o| o.id == batch.services[0].organisation_id).unwrap();
    service_to_hsds(&batch.services[0], org, &batch.locations, &TermLookup::default(), ExportOptions::default())
}

#[test]
fn extras_go_to_the_record_they_were_read_with() {
    let batch = import(&foreign().to_string());
    let text = |extra: &wegwijs_domain::HsdsExtra| serde_json::to_string(extra).unwrap();
    assert!(text(&batch.services[0].hsds_extra).contains("Gesloten in augustus"));
    assert!(!text(&batch.services[0].hsds_extra).contains("NL123"));
    assert!(text(&batch.organisations[0].hsds_extra).contains("NL123"));
    assert!(text(&batch.locations[0].hsds_extra).contains("uitgifte"));
    let again = export_batch(&batch);
    assert_eq!(again["organization"]["tax_id"], "NL123");
    assert_eq!(again["service_at_locations"][0]["location"]["url"], "https://voedselbank.example/uitgifte");
}

#[test]
fn a_normalised_value_is_not_overridden_by_the_extras() {
    let batch = import(&foreign().to_string());
    let again = export_batch(&batch);
    let (email, number) =
        (batch.services[0].email.as_ref().unwrap().to_string(), batch.services[0].phones[0].number.to_string());
    assert_ne!(
        (email.as_str(), number.as_str()),
        ("INFO@Voedselbank.nl", "071-5123456"),
        "the domain writes them its own way"
    );
    assert_eq!((&again["email"], &again["phones"][0]["number"]), (&Value::from(email), &Value::from(number)));
    assert_eq!(again["phones"][0]["extension"], "12");
    assert_eq!(again["alert"], "Gesloten in augustus");
}

#[test]
fn later_edits_win_over_the_extras() {
    let mut batch = import(&foreign().to_string());
    // An editor corrects the phone number and adds the map point.
    let corrected = wegwijs_domain::PhoneNumber::parse("071 000 1111").unwrap();
    batch.services[0].phones[0].number = corrected.clone();
    batch.locations[0].point = Some(wegwijs_domain::GeoPoint::new(52.2, 4.5).unwrap());
    let again = export_batch(&batch);
    assert_eq!(again["phones"][0]["number"], corrected.to_string());
    assert_eq!(again["phones"][0]["extension"], "12");
    assert_eq!(again["service_at_locations"][0]["location"]["latitude"], 52.2);
    // The editor deletes the phone: its extension does not come back on its own.
    batch.services[0].phones.clear();
    let again = export_batch(&batch);
    assert_eq!(again.get("phones"), None, "{again}");
}

#[test]
fn extras_survive_a_store_round_trip() {
    let batch = import(&foreign().to_string());
    let stored = |record: &wegwijs_domain::Service| {
        serde_json::from_str::<wegwijs_domain::Service>(&serde_json::to_string(record).unwrap()).unwrap()
    };
    let service = stored(&batch.services[0]);
    assert_eq!(service, batch.services[0]);
    let location: wegwijs_domain::Location =
        serde_json::from_str(&serde_json::to_string(&batch.locations[0]).unwrap()).unwrap();
    assert_eq!(location, batch.locations[0]);
    let organisation: wegwijs_domain::Organisation =
        serde_json::from_str(&serde_json::to_string(&batch.organisations[0]).unwrap()).unwrap();
    assert_eq!(organisation, batch.organisations[0]);
    // A record stored before extras existed reads as one without.
    let mut old = serde_json::to_value(full_service()).unwrap();
    assert!(old.get("hsds_extra").is_none(), "empty extras are not stored");
    old.as_object_mut().unwrap().remove("hsds_extra");
    assert_eq!(serde_json::from_value::<wegwijs_domain::Service>(old).unwrap(), full_service());
}

#[test]
fn an_organisation_of_unknown_form_leaves_legal_status_to_the_source() {
    let json = export(&[(minimal_service(), minimal_organisation())], &[], ExportOptions::default());
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value[0]["organization"].get("legal_status"), None);
    let batch =
        import(&foreign().to_string().replace("\"tax_id\"", "\"legal_status\": \"Limited Company\", \"tax_id\""));
    assert_eq!(batch.organisations[0].kind, wegwijs_domain::OrganisationKind::Overig);
    assert_eq!(export_batch(&batch)["organization"]["legal_status"], "Limited Company");
}
