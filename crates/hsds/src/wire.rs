//! The HSDS 3.0 objects as they appear on the wire, shared by export and import.
//!
//! Values stay raw (strings, JSON numbers) so the import can run every value through
//! the domain parsers and report each problem with its field path, instead of failing
//! on the first bad value inside serde. Field order is the serialisation order, which
//! keeps exports byte-for-byte stable. Unknown HSDS fields are ignored on import.

use serde::{Deserialize, Serialize};
use serde_json::Number;

/// A fully nested HSDS `service` object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HsdsService {
    /// Required by HSDS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// Required by HSDS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternate_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Required by HSDS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_process: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<Number>,
    /// Date of the last verification (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assured_date: Option<String>,
    /// RFC 3339 time of the last change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    pub phones: Vec<WirePhone>,
    pub schedules: Vec<WireSchedule>,
    pub service_areas: Vec<WireServiceArea>,
    pub service_at_locations: Vec<WireServiceAtLocation>,
    pub languages: Vec<WireLanguage>,
    pub organization: Option<WireOrganization>,
    pub funding: Vec<WireFunding>,
    pub cost_options: Vec<WireCostOption>,
    pub contacts: Vec<WireContact>,
    pub attributes: Vec<WireAttribute>,
    /// Wegwijs extensions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x_wegwijs: Option<XService>,
}

macro_rules! wire {
    ($(#[$meta:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default)]
        pub struct $name {
            $(
                #[serde(skip_serializing_if = "Skip::skip")]
                pub $field: $ty,
            )*
        }
    };
}

/// Leaves absent values and empty lists out of the output.
pub trait Skip {
    /// Whether to leave the value out.
    fn skip(&self) -> bool;
}
impl<T> Skip for Option<T> {
    fn skip(&self) -> bool {
        self.is_none()
    }
}
impl<T> Skip for Vec<T> {
    fn skip(&self) -> bool {
        self.is_empty()
    }
}

wire!(
    /// HSDS `organization`, nested in a service.
    WireOrganization {
        id: Option<String>, name: Option<String>, alternate_name: Option<String>,
        description: Option<String>, email: Option<String>, website: Option<String>,
        legal_status: Option<String>, phones: Vec<WirePhone>, contacts: Vec<WireContact>,
        services: Vec<HsdsService>, x_wegwijs: Option<XRecord>,
    }
);
wire!(
    /// HSDS `phone`.
    WirePhone {
        id: Option<String>, number: Option<String>, r#type: Option<String>, description: Option<String>,
    }
);
wire!(
    /// HSDS `contact`.
    WireContact {
        id: Option<String>, name: Option<String>, title: Option<String>, email: Option<String>,
        phones: Vec<WirePhone>,
    }
);
wire!(
    /// HSDS `schedule`: one weekly period, or any other rule from a foreign feed.
    WireSchedule {
        id: Option<String>, freq: Option<String>, byday: Option<String>, opens_at: Option<String>,
        closes_at: Option<String>, description: Option<String>,
    }
);
wire!(
    /// HSDS `service_area`.
    WireServiceArea {
        id: Option<String>, name: Option<String>, extent: Option<String>, extent_type: Option<String>,
    }
);
wire!(
    /// HSDS `language`.
    WireLanguage { id: Option<String>, name: Option<String>, code: Option<String>, note: Option<String> }
);
wire!(
    /// HSDS `funding`.
    WireFunding { id: Option<String>, source: Option<String> }
);
wire!(
    /// HSDS `cost_option`.
    WireCostOption {
        id: Option<String>, option: Option<String>, currency: Option<String>, amount: Option<Number>,
        amount_description: Option<String>,
    }
);
wire!(
    /// HSDS `attribute`, linking the service to a taxonomy term.
    WireAttribute {
        id: Option<String>, link_id: Option<String>, link_type: Option<String>, link_entity: Option<String>,
        taxonomy_term_id: Option<String>, taxonomy_term: Option<WireTaxonomyTerm>,
    }
);
wire!(
    /// HSDS `taxonomy_term`, with its taxonomy nested.
    WireTaxonomyTerm {
        id: Option<String>, code: Option<String>, name: Option<String>, description: Option<String>,
        parent_id: Option<String>, taxonomy_id: Option<String>, taxonomy_detail: Option<WireTaxonomy>,
    }
);
wire!(
    /// HSDS `taxonomy`.
    WireTaxonomy {
        id: Option<String>, name: Option<String>, description: Option<String>, uri: Option<String>,
        version: Option<String>,
    }
);
wire!(
    /// HSDS `service_at_location`, with its location nested.
    WireServiceAtLocation {
        id: Option<String>, service_id: Option<String>, location_id: Option<String>,
        description: Option<String>, schedules: Vec<WireSchedule>, location: Option<WireLocation>,
        x_wegwijs: Option<XHours>,
    }
);
wire!(
    /// HSDS `location`.
    WireLocation {
        id: Option<String>, location_type: Option<String>, organization_id: Option<String>,
        name: Option<String>, description: Option<String>, transportation: Option<String>,
        latitude: Option<f64>, longitude: Option<f64>, addresses: Vec<WireAddress>,
        accessibility: Vec<WireAccessibility>, phones: Vec<WirePhone>, schedules: Vec<WireSchedule>,
        x_wegwijs: Option<XRecord>,
    }
);
wire!(
    /// HSDS `address`.
    WireAddress {
        id: Option<String>, location_id: Option<String>, address_1: Option<String>, city: Option<String>,
        region: Option<String>, state_province: Option<String>, postal_code: Option<String>,
        country: Option<String>, address_type: Option<String>,
    }
);
wire!(
    /// HSDS `accessibility`.
    WireAccessibility { id: Option<String>, location_id: Option<String>, description: Option<String> }
);
wire!(
    /// `x_wegwijs` on a service.
    XService {
        summary: Option<String>, referral: Option<XReferral>, target_groups: Vec<String>,
        professional_notes: Option<String>, created: Option<String>, verification: Option<XVerification>,
        source: Option<XSource>, opening_hours: Option<XHours>,
    }
);
wire!(
    /// `x_wegwijs` on an organisation or location: bookkeeping and, for a location,
    /// what its opening hours say beyond the weekly schedules.
    XRecord {
        created: Option<String>, updated: Option<String>, verification: Option<XVerification>,
        source: Option<XSource>, opening_hours: Option<XHours>,
    }
);
wire!(
    /// Referral: who refers, and how.
    XReferral { route: Option<String>, how: Option<String> }
);
wire!(
    /// Who confirmed the record, and when.
    XVerification { at: Option<String>, by: Option<String> }
);
wire!(
    /// Where the record came from.
    XSource { name: Option<String>, reference: Option<String> }
);
wire!(
    /// Opening-hour facts HSDS schedules cannot carry.
    XHours {
        exceptions: Vec<XException>, closed_on_public_holidays: Option<bool>, notes: Option<String>,
    }
);
wire!(
    /// A dated exception: closed all day, or open `opens`–`closes`.
    XException {
        date: Option<String>, closed: Option<bool>, opens: Option<String>, closes: Option<String>,
        reason: Option<String>,
    }
);
