//! What a page of services needs to be written out as HSDS: their organisations and,
//! for nested locations and terms, their locations and the taxonomy terms. Loaded in a
//! few batched queries per page, never one per service.
//!
//! [`Nesting::service`] is the only way the API turns a service into JSON, and it never
//! asks for professional notes: nothing else in the API can leak them.

use crate::AppError;
use std::collections::HashMap;
use wegwijs_domain::{Id, Location, Organisation, Service};
use wegwijs_hsds::{ExportOptions, TermLookup, service_to_hsds};
use wegwijs_store::{EntityKind, Store};

/// How much of each service is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// The service and its organisation (list items).
    OneToOne,
    /// Also its locations (service-at-location items).
    WithLocations,
    /// Everything, with taxonomy terms resolved (fully nested services).
    Full,
}

/// The related records of a set of services.
pub struct Nesting {
    organisations: HashMap<Id, Organisation>,
    locations: HashMap<Id, Location>,
    terms: TermLookup,
}

impl Nesting {
    /// Loads what `services` need at `depth`.
    pub async fn load(store: &Store, services: &[Service], depth: Depth) -> Result<Self, AppError> {
        let organisation_ids: Vec<Id> = services.iter().map(|s| s.organisation_id.clone()).collect();
        let organisations =
            store.organisations_by_ids(&organisation_ids).await?.into_iter().map(|o| (o.id.clone(), o)).collect();
        let locations = if depth == Depth::OneToOne {
            HashMap::new()
        } else {
            let ids: Vec<Id> =
                services.iter().flat_map(|s| s.locations.iter().map(|l| l.location_id.clone())).collect();
            store.locations_by_ids(&ids).await?.into_iter().map(|l| (l.id.clone(), l)).collect()
        };
        let terms = if depth == Depth::Full {
            TermLookup::new(&store.taxonomies().await?, &store.taxonomy_terms().await?)
        } else {
            TermLookup::default()
        };
        Ok(Self { organisations, locations, terms })
    }

    /// The service as a fully nested HSDS service (as deep as loaded), for the public.
    pub fn service(&self, service: &Service) -> Result<serde_json::Value, AppError> {
        let organisation = self.organisations.get(&service.organisation_id).ok_or_else(|| {
            AppError::Store(wegwijs_store::Error::Corrupt {
                entity: EntityKind::Service,
                id: service.id.clone(),
                reason: format!("its organisation {} is missing", service.organisation_id),
            })
        })?;
        let locations: Vec<Location> =
            service.locations.iter().filter_map(|at| self.locations.get(&at.location_id).cloned()).collect();
        Ok(service_to_hsds(service, organisation, &locations, &self.terms, ExportOptions::default()))
    }
}
