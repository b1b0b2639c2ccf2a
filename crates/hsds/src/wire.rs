//! The HSDS 3.0 objects as they appear on the wire, shared by export and import, with
//! the Wegwijs Dutch profile's fields (`crates/hsds/profile/`) as plain top-level
//! properties next to the HSDS ones.
//!
//! Values stay raw (strings, JSON numbers) so the import can run every value through
//! the domain parsers and report each problem with its field path, instead of failing
//! on the first bad value inside serde. Unknown HSDS fields are ignored here; the
//! import keeps them through [`crate::overlay`]. Exports go through
//! `serde_json::Value`, whose objects sort their keys, so field order here does not
//! matter for the bytes written.

use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};
use wegwijs_domain::FundingScheme;

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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<WirePhone>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<WireSchedule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_areas: Vec<WireServiceArea>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_at_locations: Vec<WireServiceAtLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<WireLanguage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<WireOrganization>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub funding: Vec<WireFunding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cost_options: Vec<WireCostOption>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<WireContact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<WireAttribute>,
    /// Profile: one plain-language (B1) sentence for residents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Profile: whether and how a referral is needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral: Option<WireReferral>,
    /// Profile: who the service is for, as codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<WireEligibility>,
    /// Profile: RFC 3339 time of the last confirmation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<String>,
    /// Profile: `provider`, `editor` or `import`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_by: Option<String>,
    /// Profile: RFC 3339 time the record was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// Profile: provenance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<WireSource>,
    /// Profile: opening-hour facts beyond the weekly schedules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<WireHours>,
    /// Profile: for professionals only; exported only on request, never publicly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub professional_notes: Option<String>,
    /// The profile before it moved to top-level properties; read, never written.
    #[serde(skip_serializing)]
    pub x_wegwijs: Option<XService>,
}

/// A wire struct: every field optional, absent values left out of the output. Fields
/// under `read_only` are read from old files but never written.
macro_rules! wire {
    ($(#[$meta:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? }
        $(read_only { $($old:ident : $old_ty:ty),* $(,)? })?) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default)]
        pub struct $name {
            $(
                #[serde(skip_serializing_if = "Skip::skip")]
                pub $field: $ty,
            )*
            $($(
                #[serde(skip_serializing)]
                pub $old: $old_ty,
            )*)?
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
        locations: Vec<WireLocation>, services: Vec<HsdsService>, created: Option<String>,
        updated: Option<String>, verified_at: Option<String>, verified_by: Option<String>,
        source: Option<WireSource>,
    }
    read_only { x_wegwijs: Option<XRecord> }
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
    read_only {
        interval: Option<Value>, byweekno: Option<Value>, bymonthday: Option<Value>,
        byyearday: Option<Value>, count: Option<Value>, until: Option<Value>,
    }
);

impl WireSchedule {
    /// Whether the schedule is a rule Wegwijs's weekly hours can hold: weekly (or no
    /// `freq`), every week, and not limited to some weeks, days of a month or year, or a
    /// number of times.
    pub fn is_plain_weekly(&self) -> bool {
        let given = |value: &Option<Value>| match value {
            None | Some(Value::Null) => false,
            Some(Value::String(text)) => !text.trim().is_empty(),
            Some(_) => true,
        };
        let every_week = match &self.interval {
            None | Some(Value::Null) => true,
            Some(Value::Number(n)) => n.as_f64() == Some(1.0),
            Some(Value::String(text)) => matches!(text.trim(), "" | "1"),
            Some(_) => false,
        };
        self.freq.as_deref().is_none_or(|f| f.trim().eq_ignore_ascii_case("weekly"))
            && every_week
            && ![&self.byweekno, &self.bymonthday, &self.byyearday, &self.count, &self.until].into_iter().any(given)
    }
}
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
    /// HSDS `funding`; `scheme` is the profile's code, `source` a readable text.
    WireFunding { id: Option<String>, scheme: Option<String>, source: Option<String> }
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
        lay_name: Option<String>, synonyms: Vec<String>,
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
        opening_hours: Option<WireHours>,
    }
    read_only { x_wegwijs: Option<WireHours> }
);
wire!(
    /// HSDS `location`.
    WireLocation {
        id: Option<String>, location_type: Option<String>, organization_id: Option<String>,
        name: Option<String>, description: Option<String>, transportation: Option<String>,
        latitude: Option<Number>, longitude: Option<Number>, addresses: Vec<WireAddress>,
        accessibility: Vec<WireAccessibility>, phones: Vec<WirePhone>, schedules: Vec<WireSchedule>,
        created: Option<String>, updated: Option<String>, verified_at: Option<String>,
        verified_by: Option<String>, source: Option<WireSource>, opening_hours: Option<WireHours>,
    }
    read_only { x_wegwijs: Option<XRecord> }
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
    /// Profile `referral`.
    WireReferral { required: Option<bool>, route: Option<String>, how: Option<String> }
);
wire!(
    /// Profile `eligibility`.
    WireEligibility { target_groups: Vec<String> }
);
wire!(
    /// Profile `source`: where the record came from.
    WireSource { name: Option<String>, reference: Option<String> }
);
wire!(
    /// Profile `opening_hours`: opening-hour facts HSDS schedules cannot carry.
    WireHours {
        exceptions: Vec<WireException>, closed_on_public_holidays: Option<bool>, notes: Option<String>,
    }
);
wire!(
    /// A dated exception: closed all day, or open `opens`–`closes`.
    WireException {
        date: Option<String>, closed: Option<bool>, opens: Option<String>, closes: Option<String>,
        reason: Option<String>,
    }
);
wire!(
    /// The old `x_wegwijs` object on a service, from exports made before the profile
    /// fields became top-level properties.
    XService {
        summary: Option<String>, referral: Option<XReferral>, target_groups: Vec<String>,
        professional_notes: Option<String>, created: Option<String>, verification: Option<XVerification>,
        source: Option<WireSource>, opening_hours: Option<WireHours>,
    }
);
wire!(
    /// The old `x_wegwijs` object on an organisation or location.
    XRecord {
        created: Option<String>, updated: Option<String>, verification: Option<XVerification>,
        source: Option<WireSource>, opening_hours: Option<WireHours>,
    }
);
wire!(
    /// The old `x_wegwijs.referral`.
    XReferral { route: Option<String>, how: Option<String> }
);
wire!(
    /// The old `x_wegwijs.verification`.
    XVerification { at: Option<String>, by: Option<String> }
);

/// The readable Dutch text written to `funding.source` next to the profile's `scheme`
/// code, for HSDS consumers that know no profile. The import reads these texts back.
pub(crate) fn funding_text(scheme: FundingScheme) -> &'static str {
    match scheme {
        FundingScheme::Wmo => "Wmo (gemeente)",
        FundingScheme::Jeugdwet => "Jeugdwet (gemeente)",
        FundingScheme::Zvw => "Zorgverzekeringswet (zorgverzekeraar)",
        FundingScheme::Wlz => "Wet langdurige zorg (zorgkantoor)",
        FundingScheme::Participatiewet => "Participatiewet (gemeente)",
        FundingScheme::Gratis => "Gratis",
        FundingScheme::EigenBetaling => "Eigen betaling",
    }
}

/// The scheme a `funding.source` text names: one of [`funding_text`]'s texts, or a code
/// or spelling [`FundingScheme::parse`] knows ("WMO", "Eigen bijdrage").
pub(crate) fn funding_scheme_of(text: &str) -> Option<FundingScheme> {
    let text = text.trim();
    FundingScheme::ALL
        .into_iter()
        .find(|s| funding_text(*s).eq_ignore_ascii_case(text))
        .or_else(|| FundingScheme::parse(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_readable_funding_texts_are_read_back_as_their_scheme() {
        for scheme in FundingScheme::ALL {
            assert_eq!(funding_scheme_of(funding_text(scheme)), Some(scheme));
            assert_eq!(funding_scheme_of(&funding_text(scheme).to_uppercase()), Some(scheme));
        }
        assert_eq!(funding_scheme_of("Eigen bijdrage"), Some(FundingScheme::EigenBetaling));
        assert_eq!(funding_scheme_of("Subsidie van de provincie"), None);
    }

    #[test]
    fn only_a_schedule_for_every_week_is_plain_weekly() {
        let schedule = |value: Value| serde_json::from_value::<WireSchedule>(value).unwrap().is_plain_weekly();
        assert!(schedule(json!({"freq": "WEEKLY", "byday": "MO", "interval": 1, "valid_from": "2024-01-01"})));
        assert!(schedule(json!({"byday": "MO", "byweekno": ""})));
        assert!(!schedule(json!({"freq": "MONTHLY", "bymonthday": "1"})));
        assert!(!schedule(json!({"freq": "WEEKLY", "interval": 2})));
        assert!(!schedule(json!({"freq": "WEEKLY", "byweekno": "41,42"})));
        assert!(!schedule(json!({"freq": "WEEKLY", "count": 3})));
    }
}
