//! What an organisation is asked to check: the organisation record itself and its
//! active services, each with its last check (`freshness::last_checked`). For the
//! editors' dashboard, [`described`] adds what the entries are about and where
//! ([`Details`]).

use chrono::{DateTime, SubsecRound, Utc};
use std::collections::HashMap;
use wegwijs_domain::freshness::last_checked;
use wegwijs_domain::taxonomy::THEME;
use wegwijs_domain::{EmailAddress, Id, Location, Organisation, PhoneNumber, Service, ServiceStatus};
use wegwijs_store::{EntityKind, Page, Store};

/// One record to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Organisation or service.
    pub kind: EntityKind,
    /// Its id.
    pub id: Id,
    /// Its name, as shown.
    pub name: String,
    /// Its last check.
    pub checked: DateTime<Utc>,
}

/// An organisation with its entries, oldest check first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationEntries {
    /// The organisation's id.
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Where reminders go; `None`: the editors must find an address.
    pub email: Option<EmailAddress>,
    /// The organisation record and its active services, oldest check first.
    pub entries: Vec<Entry>,
}

impl OrganisationEntries {
    /// The last check of the oldest entry: what the reminder cycle goes by. Cut to
    /// microseconds, as the `reminders` table stores it: a check made at `Utc::now()`
    /// has nanoseconds, and the cycle read back must equal the one computed here.
    pub fn oldest_check(&self) -> DateTime<Utc> {
        self.entries.first().map_or(DateTime::<Utc>::MAX_UTC, |e| e.checked.trunc_subsecs(6))
    }
}

/// Records read per query.
const PAGE: u32 = 500;

/// Every organisation with its entries, read in pages.
pub async fn all(store: &Store) -> wegwijs_store::Result<Vec<OrganisationEntries>> {
    Ok(read_all(store, false).await?.into_iter().map(|d| d.organisation).collect())
}

/// What the editors' dashboard needs besides the entries: a phone number to call the
/// organisation on, and per service its themes and places. Kept apart from [`Entry`]
/// so the scheduler, which needs none of it, does not read taxonomies and locations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    /// The organisation's first phone number, if it has one.
    pub phone: Option<PhoneNumber>,
    /// Per active service (by id): what it is about and where it is given. A service
    /// without themes or places has empty lists (not a missing key).
    pub services: HashMap<Id, ServiceDetails>,
}

/// What a service is about and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceDetails {
    /// Codes of its themes (`geld-en-schulden`), sorted, without repeats. A term below
    /// a theme counts as that theme.
    pub themes: Vec<String>,
    /// Places (woonplaats) of its locations' addresses (`Sassenheim`), sorted, without
    /// repeats; empty for a service given online or by phone only.
    pub places: Vec<String>,
}

/// An organisation's entries with their [`Details`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    /// The organisation and its entries, as [`all`] gives them.
    pub organisation: OrganisationEntries,
    /// Phone, themes and places.
    pub details: Details,
}

/// Every organisation with its entries and their [`Details`], read in pages: the same
/// queries as [`all`] plus one for the taxonomy terms and one per page of services for
/// their locations (never one per service).
pub async fn described(store: &Store) -> wegwijs_store::Result<Vec<Described>> {
    read_all(store, true).await
}

/// Reads every organisation with its entries; with `details`, also [`Details`].
async fn read_all(store: &Store, details: bool) -> wegwijs_store::Result<Vec<Described>> {
    let mut lookup = if details { Some(Lookup::new(store).await?) } else { None };
    let mut services_of: HashMap<Id, Vec<(Entry, Option<ServiceDetails>)>> = HashMap::new();
    let mut after: Option<Id> = None;
    loop {
        let services = store.services_after(after.as_ref(), PAGE).await?;
        let done = services.len() < PAGE as usize;
        after = services.last().map(|s| s.id.clone());
        let active: Vec<Service> = services.into_iter().filter(|s| s.status == ServiceStatus::Active).collect();
        if let Some(lookup) = lookup.as_mut() {
            lookup.read_locations(store, &active).await?;
        }
        for service in active {
            let about = lookup.as_ref().map(|lookup| lookup.details_of(&service));
            services_of.entry(service.organisation_id.clone()).or_default().push((
                Entry {
                    kind: EntityKind::Service,
                    id: service.id.clone(),
                    name: service.name.as_str().to_owned(),
                    checked: last_checked(&service.meta),
                },
                about,
            ));
        }
        if done {
            break;
        }
    }
    let mut all = Vec::new();
    let mut page = Page::first(PAGE);
    loop {
        let organisations = store.organisations(page).await?;
        let done = organisations.len() < PAGE as usize;
        for organisation in organisations {
            let services = services_of.remove(&organisation.id).unwrap_or_default();
            all.push(assemble(organisation, services));
        }
        if done {
            break;
        }
        page.offset += u64::from(PAGE);
    }
    Ok(all)
}

/// An organisation with its services' entries (and their details, when read).
fn assemble(organisation: Organisation, services: Vec<(Entry, Option<ServiceDetails>)>) -> Described {
    let mut entries = vec![Entry {
        kind: EntityKind::Organisation,
        id: organisation.id.clone(),
        name: organisation.name.as_str().to_owned(),
        checked: last_checked(&organisation.meta),
    }];
    let mut details =
        Details { phone: organisation.phones.first().map(|p| p.number.clone()), services: HashMap::new() };
    for (entry, about) in services {
        if let Some(about) = about {
            details.services.insert(entry.id.clone(), about);
        }
        entries.push(entry);
    }
    entries.sort_by(|a, b| a.checked.cmp(&b.checked).then_with(|| a.name.cmp(&b.name)));
    Described {
        organisation: OrganisationEntries {
            id: organisation.id,
            name: organisation.name.as_str().to_owned(),
            email: organisation.email,
            entries,
        },
        details,
    }
}

/// The theme of every term and the place of every location seen so far.
struct Lookup {
    /// Term id → theme code, for the theme taxonomy's terms (children map to their
    /// top theme).
    themes: HashMap<Id, String>,
    /// Location id → its place; `None` for a location without an address.
    places: HashMap<Id, Option<String>>,
}

impl Lookup {
    async fn new(store: &Store) -> wegwijs_store::Result<Self> {
        let terms = store.taxonomy_terms().await?;
        let parent: HashMap<&Id, &Id> = terms.iter().filter_map(|t| Some((&t.id, t.parent_id.as_ref()?))).collect();
        let code: HashMap<&Id, &str> = terms.iter().map(|t| (&t.id, t.code.as_str())).collect();
        let themes = terms
            .iter()
            .filter(|t| t.taxonomy_id.as_str() == THEME)
            .filter_map(|t| {
                // Up to the top theme; a chain is a few terms long, and a loop in bad
                // data stops after as many steps as there are terms.
                let mut top = &t.id;
                for _ in 0..terms.len() {
                    match parent.get(top) {
                        Some(up) => top = up,
                        None => break,
                    }
                }
                Some((t.id.clone(), (*code.get(top)?).to_owned()))
            })
            .collect();
        Ok(Self { themes, places: HashMap::new() })
    }

    /// Reads the locations of `services` not read before, in one query.
    async fn read_locations(&mut self, store: &Store, services: &[Service]) -> wegwijs_store::Result<()> {
        let mut wanted: Vec<Id> = services
            .iter()
            .flat_map(|s| s.locations.iter().map(|l| &l.location_id))
            .filter(|id| !self.places.contains_key(*id))
            .cloned()
            .collect();
        wanted.sort();
        wanted.dedup();
        if wanted.is_empty() {
            return Ok(());
        }
        for location in store.locations_by_ids(&wanted).await? {
            self.places.insert(location.id.clone(), place_of(&location));
        }
        for id in wanted {
            // Unknown locations are remembered too, so they are not asked for again.
            self.places.entry(id).or_insert(None);
        }
        Ok(())
    }

    fn details_of(&self, service: &Service) -> ServiceDetails {
        let mut themes: Vec<String> = service.terms.iter().filter_map(|t| self.themes.get(t).cloned()).collect();
        themes.sort();
        themes.dedup();
        let mut places: Vec<String> =
            service.locations.iter().filter_map(|l| self.places.get(&l.location_id).cloned().flatten()).collect();
        places.sort();
        places.dedup();
        ServiceDetails { themes, places }
    }
}

/// The place (woonplaats) of a location's address, if it has one.
fn place_of(location: &Location) -> Option<String> {
    let city = location.address.as_ref()?.city.trim();
    (!city.is_empty()).then(|| city.to_owned())
}

/// One organisation with its entries; `None` when it does not exist.
pub async fn of(store: &Store, id: &Id) -> wegwijs_store::Result<Option<OrganisationEntries>> {
    let Some(organisation) = store.organisation(id).await? else { return Ok(None) };
    let mut entries = vec![Entry {
        kind: EntityKind::Organisation,
        id: organisation.id.clone(),
        name: organisation.name.as_str().to_owned(),
        checked: last_checked(&organisation.meta),
    }];
    for service in store.services_of_organisation(id).await? {
        if service.status == ServiceStatus::Active {
            entries.push(Entry {
                kind: EntityKind::Service,
                id: service.id.clone(),
                name: service.name.as_str().to_owned(),
                checked: last_checked(&service.meta),
            });
        }
    }
    entries.sort_by(|a, b| a.checked.cmp(&b.checked).then_with(|| a.name.cmp(&b.name)));
    Ok(Some(OrganisationEntries {
        id: organisation.id,
        name: organisation.name.as_str().to_owned(),
        email: organisation.email,
        entries,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::{BTreeSet, HashSet};
    use wegwijs_demo::DemoConfig;

    /// The demo kaart (themes, locations with and without an address) in a SQLite file.
    async fn demo_store() -> (Store, wegwijs_demo::DemoData, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite:{}", dir.path().join("wegwijs.db").display())).await.unwrap();
        store.migrate().await.unwrap();
        let now = Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap();
        let data = wegwijs_demo::generate(&DemoConfig { services: 120, seed: 3, now });
        let mut tx = store.begin().await.unwrap();
        for taxonomy in &data.taxonomies {
            tx.put_taxonomy(taxonomy).await.unwrap();
        }
        for term in &data.terms {
            tx.put_taxonomy_term(term).await.unwrap();
        }
        for organisation in &data.organisations {
            tx.put_organisation(organisation).await.unwrap();
        }
        for location in &data.locations {
            tx.put_location(location).await.unwrap();
        }
        for service in &data.services {
            tx.put_service(service).await.unwrap();
        }
        tx.commit().await.unwrap();
        (store, data, dir)
    }

    #[tokio::test]
    async fn described_adds_themes_places_and_phones_to_the_same_entries() {
        let (store, data, _dir) = demo_store().await;
        let described = described(&store).await.unwrap();
        let plain = all(&store).await.unwrap();
        assert_eq!(described.iter().map(|d| d.organisation.clone()).collect::<Vec<_>>(), plain);

        let theme_of: HashMap<&Id, &str> =
            data.terms.iter().filter(|t| t.taxonomy_id.as_str() == THEME).map(|t| (&t.id, t.code.as_str())).collect();
        let place_of: HashMap<&Id, Option<String>> = data.locations.iter().map(|l| (&l.id, place_of(l))).collect();
        let mut seen_themes = HashSet::new();
        let (mut with_place, mut without_place) = (0, 0);
        for service in data.services.iter().filter(|s| s.status == ServiceStatus::Active) {
            let organisation = described.iter().find(|d| d.organisation.id == service.organisation_id).unwrap();
            let details = &organisation.details.services[&service.id];
            let themes: BTreeSet<&str> = service.terms.iter().filter_map(|t| theme_of.get(t).copied()).collect();
            assert_eq!(details.themes.iter().map(String::as_str).collect::<BTreeSet<_>>(), themes, "{}", service.name);
            let places: BTreeSet<String> =
                service.locations.iter().filter_map(|l| place_of.get(&l.location_id).cloned().flatten()).collect();
            assert_eq!(details.places.iter().cloned().collect::<BTreeSet<_>>(), places, "{}", service.name);
            seen_themes.extend(themes);
            if places.is_empty() { without_place += 1 } else { with_place += 1 }
        }
        assert!(seen_themes.len() > 3, "the demo uses several themes: {seen_themes:?}");
        assert!(with_place > 0, "services with an address are counted by place");
        let inactive = data.services.iter().filter(|s| s.status != ServiceStatus::Active).count();
        let details: usize = described.iter().map(|d| d.details.services.len()).sum();
        assert_eq!(
            details + inactive,
            data.services.len(),
            "details of every active service only ({without_place} without a place)"
        );
        for (organisation, record) in
            described.iter().map(|d| (d, data.organisations.iter().find(|o| o.id == d.organisation.id).unwrap()))
        {
            assert_eq!(organisation.details.phone, record.phones.first().map(|p| p.number.clone()));
        }
    }
}
