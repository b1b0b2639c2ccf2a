//! Turns a service with its organisation, locations and taxonomy terms into an index
//! document.

use crate::place::place_key;
use crate::schema::{Facet, Fields, pack_point};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeSet, HashMap};
use tantivy::TantivyDocument;
use tantivy::schema::Value;
use wegwijs_domain::freshness::last_checked;
use wegwijs_domain::geo::Geo;
use wegwijs_domain::schedule::{OpeningHours, public_holiday};
use wegwijs_domain::taxonomy::{POSITIVE_HEALTH, THEME};
use wegwijs_domain::{AreaKind, FundingScheme, Id, Location, Organisation, Service, TaxonomyTerm};

/// A service with everything it refers to, as the indexer loads it.
#[derive(Debug, Clone)]
pub struct ServiceRecord {
    /// The service.
    pub service: Service,
    /// Its organisation, when it exists.
    pub organisation: Option<Organisation>,
    /// Its locations (those that exist).
    pub locations: Vec<Location>,
}

impl ServiceRecord {
    /// Joins services with the organisations and locations they refer to; references
    /// that are not among those given are left out.
    pub fn join(
        services: impl IntoIterator<Item = Service>,
        organisations: impl IntoIterator<Item = Organisation>,
        locations: impl IntoIterator<Item = Location>,
    ) -> Vec<ServiceRecord> {
        let organisations: HashMap<Id, Organisation> = organisations.into_iter().map(|o| (o.id.clone(), o)).collect();
        let locations: HashMap<Id, Location> = locations.into_iter().map(|l| (l.id.clone(), l)).collect();
        services
            .into_iter()
            .map(|service| ServiceRecord {
                organisation: organisations.get(&service.organisation_id).cloned(),
                locations: service.locations.iter().filter_map(|l| locations.get(&l.location_id).cloned()).collect(),
                service,
            })
            .collect()
    }
}

/// The taxonomy terms by id, to index a service's terms by their names and synonyms.
#[derive(Debug, Clone, Default)]
pub struct TermCatalog {
    terms: HashMap<Id, TaxonomyTerm>,
}

impl TermCatalog {
    /// A catalogue of these terms.
    pub fn new(terms: impl IntoIterator<Item = TaxonomyTerm>) -> Self {
        Self { terms: terms.into_iter().map(|t| (t.id.clone(), t)).collect() }
    }

    /// The term with this id.
    pub fn get(&self, id: &Id) -> Option<&TaxonomyTerm> {
        self.terms.get(id)
    }

    /// The term of a taxonomy with this code.
    pub fn by_code(&self, taxonomy: &str, code: &str) -> Option<&TaxonomyTerm> {
        self.terms.values().find(|t| t.taxonomy_id.as_str() == taxonomy && t.code == code)
    }

    /// Whether the catalogue has no terms (not loaded yet).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// All terms.
    pub fn iter(&self) -> impl Iterator<Item = &TaxonomyTerm> {
        self.terms.values()
    }
}

/// Age groups for the age facet: (code, lowest age, highest age).
pub const AGE_GROUPS: [(&str, u8, u8); 4] =
    [("kinderen", 0, 11), ("jongeren", 12, 17), ("volwassenen", 18, 66), ("ouderen", 67, 120)];

/// Builds the document of a service.
pub fn service_document(record: &ServiceRecord, fields: &Fields, terms: &TermCatalog, geo: &Geo) -> TantivyDocument {
    let s = &record.service;
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, s.id.as_str());
    doc.add_text(fields.organisation_id, s.organisation_id.as_str());

    let public_texts = public_texts(record, terms);
    doc.add_text(fields.name, s.name.as_str());
    doc.add_text(fields.name_key, s.name.as_str());
    if let Some(alternate) = &s.alternate_name {
        doc.add_text(fields.name, alternate);
    }
    if let Some(org) = &record.organisation {
        doc.add_text(fields.organisation, org.name.as_str());
    }
    for text in &public_texts.terms {
        doc.add_text(fields.terms, text);
    }
    doc.add_text(fields.summary, &s.summary);
    for text in &public_texts.body {
        doc.add_text(fields.body, text);
    }
    for text in public_texts.all() {
        doc.add_text(fields.parts, text);
    }
    if let Some(notes) = &s.professional_notes {
        doc.add_text(fields.pro, notes);
        doc.add_text(fields.pro_parts, notes);
    }

    add_place_facts(&mut doc, record, fields, geo);
    add_term_facets(&mut doc, s, fields, terms);
    add_money_and_rules(&mut doc, s, fields);

    let verified_day = s.meta.verification.as_ref().map_or(i64::MIN, |v| day_number(v.at.date_naive()));
    doc.add_i64(fields.verified_day, verified_day);
    doc.add_i64(fields.checked_at, last_checked(&s.meta).timestamp_micros());
    let mut hours: Vec<&OpeningHours> = vec![&s.opening_hours];
    hours.extend(s.locations.iter().map(|sal| &sal.opening_hours));
    add_hours(&mut doc, &hours, fields);
    doc
}

/// The public texts of a record, grouped by field.
struct PublicTexts<'a> {
    terms: Vec<&'a str>,
    body: Vec<&'a str>,
    name: Vec<&'a str>,
}

impl<'a> PublicTexts<'a> {
    fn all(&self) -> impl Iterator<Item = &&'a str> {
        self.name.iter().chain(&self.terms).chain(&self.body)
    }
}

fn public_texts<'a>(record: &'a ServiceRecord, catalog: &'a TermCatalog) -> PublicTexts<'a> {
    let s = &record.service;
    let mut terms = Vec::new();
    for term in s.terms.iter().filter_map(|id| catalog.get(id)) {
        terms.push(term.name.as_str());
        terms.push(term.lay_name.as_str());
        terms.extend(term.synonyms.iter().map(String::as_str));
    }
    let mut body = vec![s.summary.as_str(), s.description.as_str()];
    body.extend(s.application_process.as_deref());
    body.extend(s.fees_description.as_deref());
    body.extend(s.eligibility.description.as_deref());
    body.extend(s.referral.how.as_deref());
    let mut name = vec![s.name.as_str()];
    name.extend(s.alternate_name.as_deref());
    name.extend(record.organisation.as_ref().map(|o| o.name.as_str()));
    PublicTexts { terms, body, name }
}

fn add_place_facts(doc: &mut TantivyDocument, record: &ServiceRecord, fields: &Fields, geo: &Geo) {
    let mut municipalities = BTreeSet::new();
    let mut places = BTreeSet::new();
    let mut wijken = BTreeSet::new();
    for location in &record.locations {
        let pc4 = location.address.as_ref().and_then(|a| geo.postcode(&a.postal_code));
        let point = location.point.or_else(|| pc4.map(|a| a.point));
        if let Some(point) = point {
            doc.add_u64(fields.geo, pack_point(point.lat, point.lon));
        }
        let municipality = pc4.map(|a| a.municipality_code.clone()).or_else(|| {
            let name = location.address.as_ref()?.municipality.as_deref()?;
            geo.municipality_by_name(name).map(|m| m.code.clone())
        });
        if let Some(city) = location.address.as_ref().map(|a| a.city.clone()).or_else(|| pc4.map(|a| a.place.clone())) {
            places.insert(city);
        }
        if let Some(wijk) = municipality.as_deref().zip(point).and_then(|(code, p)| geo.nearest_wijk(code, p)) {
            wijken.insert(wijk.code.clone());
        }
        municipalities.extend(municipality);
    }
    for code in &municipalities {
        add_facet(doc, fields, Facet::Municipality, code);
    }
    for place in &places {
        add_facet(doc, fields, Facet::Place, place);
    }
    for wijk in &wijken {
        add_facet(doc, fields, Facet::Wijk, wijk);
    }

    let mut areas = BTreeSet::new();
    for area in &record.service.areas {
        areas.insert(match area.kind {
            AreaKind::Nederland => "nl".to_owned(),
            AreaKind::Gemeente => format!("gm:{}", area.code.trim().to_ascii_uppercase()),
            AreaKind::Woonplaats => format!("pl:{}", place_key(&area.code)),
            AreaKind::Wijk => format!("wk:{}", area.code.trim().to_ascii_uppercase()),
            AreaKind::Postcode => format!("pc:{}", area.code.trim()),
        });
    }
    if areas.is_empty() {
        // No stated area: it serves the municipalities it is located in.
        areas.extend(municipalities.iter().map(|code| format!("gm:{code}")));
    }
    for area in &areas {
        doc.add_text(fields.area, area);
    }
}

fn add_term_facets(doc: &mut TantivyDocument, s: &Service, fields: &Fields, catalog: &TermCatalog) {
    for term in s.terms.iter().filter_map(|id| catalog.get(id)) {
        match term.taxonomy_id.as_str() {
            THEME => add_facet(doc, fields, Facet::Theme, &term.code),
            POSITIVE_HEALTH => add_facet(doc, fields, Facet::Health, &term.code),
            _ => {}
        }
    }
}

fn add_money_and_rules(doc: &mut TantivyDocument, s: &Service, fields: &Fields) {
    for scheme in &s.funding {
        add_facet(doc, fields, Facet::Funding, scheme.code());
    }
    let lowest_price = s.costs.iter().filter_map(|c| c.amount_cents).min();
    let free = s.funding.contains(&FundingScheme::Gratis) || (!s.costs.is_empty() && lowest_price == Some(0));
    let paid = lowest_price.is_some_and(|cents| cents > 0) || s.funding.contains(&FundingScheme::EigenBetaling);
    if free {
        add_facet(doc, fields, Facet::Cost, "gratis");
    } else if paid {
        add_facet(doc, fields, Facet::Cost, "betaald");
    }
    if let Some(cents) = lowest_price {
        doc.add_u64(fields.price_cents, u64::from(cents));
    }
    add_facet(doc, fields, Facet::Referral, s.referral.route.code());
    for language in &s.languages {
        add_facet(doc, fields, Facet::Language, &language.code.trim().to_ascii_lowercase());
    }
    let (min, max) = (s.eligibility.min_age.unwrap_or(0), s.eligibility.max_age.unwrap_or(120));
    doc.add_u64(fields.min_age, u64::from(min));
    doc.add_u64(fields.max_age, u64::from(max));
    for (code, low, high) in AGE_GROUPS {
        if min <= high && low <= max {
            add_facet(doc, fields, Facet::Age, code);
        }
    }
}

/// Adds a facet value both to its own field (for filtering and display) and to the
/// combined column (for counting).
fn add_facet(doc: &mut TantivyDocument, fields: &Fields, facet: Facet, value: &str) {
    // A value listed twice ("ar" and "AR (met tolk)") counts once for the facet.
    if doc.get_all(fields.facet(facet)).any(|v| v.as_str() == Some(value)) {
        return;
    }
    doc.add_text(fields.facet(facet), value);
    doc.add_text(fields.all_facets, facet.tagged(value));
}

/// Quarter hours in a day.
pub const QUARTERS_PER_DAY: u64 = 96;

/// Indexes when a service is open: the weekly quarter hours of the service and all its
/// locations together, and every date on which that pattern does not hold — dated
/// exceptions of any of them, and public holidays when some but not all of them close
/// on holidays — with the quarter hours actually open on that date.
fn add_hours(doc: &mut TantivyDocument, hours: &[&OpeningHours], fields: &Fields) {
    let known: Vec<&OpeningHours> = hours.iter().copied().filter(|h| !h.is_unknown()).collect();
    let mut slots = BTreeSet::new();
    let mut special_dates: BTreeSet<NaiveDate> = BTreeSet::new();
    for h in &known {
        for period in h.weekly() {
            let day = u64::from(period.weekday.num_days_from_monday());
            for quarter in quarters(period.opens.minutes(), period.closes.minutes()) {
                slots.insert(day * QUARTERS_PER_DAY + quarter);
            }
        }
        special_dates.extend(h.exceptions().iter().map(|e| e.date));
    }
    let closing_on_holidays = known.iter().filter(|h| h.closed_on_public_holidays()).count();
    let all_close_on_holidays = !known.is_empty() && closing_on_holidays == known.len();
    if closing_on_holidays > 0 && !all_close_on_holidays {
        let today = chrono::Utc::now().date_naive();
        special_dates.extend(today.iter_days().take(HOLIDAY_HORIZON_DAYS).filter(|d| public_holiday(*d).is_some()));
    }
    for slot in slots {
        doc.add_u64(fields.open_slot, slot);
    }
    for date in special_dates {
        let day = u64::try_from(day_number(date)).unwrap_or(0);
        doc.add_u64(fields.special_day, day);
        let open: BTreeSet<u64> = known
            .iter()
            .flat_map(|h| h.periods_on(date))
            .flat_map(|(opens, closes)| quarters(opens.minutes(), closes.minutes()))
            .collect();
        for quarter in open {
            doc.add_u64(fields.special_slot, day * QUARTERS_PER_DAY + quarter);
        }
    }
    doc.add_u64(fields.holiday_closed, u64::from(all_close_on_holidays));
}

/// How far ahead public holidays are written out for services whose locations differ
/// on holidays; the index is rebuilt long before (any edit re-indexes the service).
const HOLIDAY_HORIZON_DAYS: usize = 800;

/// The quarter hours (0..96) that lie entirely within `[opens, closes)`, in minutes:
/// a service closing at 16:50 is not "open" at 16:55, so the quarter 16:45–17:00 is left
/// out (at the cost of showing it closed from 16:45).
fn quarters(opens: u16, closes: u16) -> impl Iterator<Item = u64> {
    let first = u64::from(opens).div_ceil(15);
    let end = u64::from(closes) / 15;
    first..end.min(QUARTERS_PER_DAY)
}

/// Days since 1970-01-01.
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
        - i64::from(NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch").num_days_from_ce())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_hours_cover_the_opening_period() {
        assert_eq!(quarters(9 * 60, 10 * 60).collect::<Vec<_>>(), [36, 37, 38, 39]);
        assert_eq!(quarters(9 * 60 + 10, 9 * 60 + 40).collect::<Vec<_>>(), [37]);
        assert_eq!(quarters(16 * 60, 16 * 60 + 50).collect::<Vec<_>>(), [64, 65, 66], "not open at 16:55");
        assert_eq!(quarters(23 * 60, 24 * 60).collect::<Vec<_>>(), [92, 93, 94, 95]);
    }
}
