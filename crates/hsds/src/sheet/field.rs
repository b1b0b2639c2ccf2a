//! The Wegwijs fields a spreadsheet column can fill, under the names the mapping file
//! uses, and where each lands in the HSDS service object (so a problem the HSDS
//! import finds can be traced back to the column it came from).

/// One field of the mapping file (`[columns]` / `[constants]` keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The organisation's own key; otherwise derived from the source and its name.
    OrganisationId,
    /// Required.
    OrganisationName,
    /// HSDS requires one; the name is used (with a warning) when there is none.
    OrganisationDescription,
    /// stichting, vereniging, gemeente, …
    OrganisationKind,
    /// General e-mail address of the organisation.
    OrganisationEmail,
    /// Website of the organisation.
    OrganisationWebsite,
    /// Phone numbers of the organisation.
    OrganisationPhone,
    /// The service's own key; otherwise derived from the source, organisation and name.
    ServiceId,
    /// Required.
    ServiceName,
    /// One or two plain sentences for residents.
    Summary,
    /// The full description.
    Description,
    /// actief (default), inactief, gestopt, tijdelijk gesloten.
    Status,
    /// E-mail address of the service.
    Email,
    /// Web page of the service.
    Website,
    /// Phone numbers of the service.
    Phone,
    /// The location's own key; otherwise derived from organisation and address.
    LocationId,
    /// Name of the building or place.
    LocationName,
    /// A whole address in one cell: "Hoofdstraat 12, 2171 AB Sassenheim".
    Address,
    /// Street, or street and number.
    Street,
    /// House number and addition, appended to the street.
    HouseNumber,
    /// Dutch postcode.
    PostalCode,
    /// Place (woonplaats).
    City,
    /// Municipality name of the address.
    Municipality,
    /// "ma-vr 9:00-17:00; za 10-12".
    OpeningHours,
    /// Taxonomy terms by code, name or lay name.
    Themes,
    /// Target group codes or Dutch names.
    TargetGroups,
    /// Lowest age, inclusive.
    MinAge,
    /// Highest age, inclusive.
    MaxAge,
    /// An age range in one cell: "12-23", "18+", "tot 18".
    Age,
    /// One amount, "gratis", or a price in words.
    Costs,
    /// Costs explained in words.
    CostsDescription,
    /// Who pays: funding scheme codes or Dutch names.
    Funding,
    /// Who refers: none, huisarts, wijkteam, gemeente.
    Referral,
    /// How the referral works, in words.
    ReferralHow,
    /// Conditions in words.
    EligibilityDescription,
    /// How to apply, in words.
    ApplicationProcess,
    /// Typical waiting time, in words.
    WaitTime,
    /// Only for professionals; never in public exports.
    ProfessionalNotes,
    /// The record's key in the source system, for tracing.
    SourceReference,
    /// When the data was last checked.
    VerifiedAt,
    /// provider, editor or import.
    VerifiedBy,
    /// Where residents must live: place names, GM/WK codes, PC4 or "Nederland".
    ServiceArea,
}

/// How several columns (or a column and a constant) for one field combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Combine {
    /// One value: a constant only fills an empty cell.
    Single,
    /// A list: values of every column and the constant are added up.
    List,
    /// Text: values of every column are joined with a blank line.
    Text,
    /// Parts of one value: "12" and "a" make "12a".
    Parts,
}

impl Field {
    /// Every field, in the order the documentation lists them.
    pub const ALL: [Self; 42] = [
        Self::OrganisationId,
        Self::OrganisationName,
        Self::OrganisationDescription,
        Self::OrganisationKind,
        Self::OrganisationEmail,
        Self::OrganisationWebsite,
        Self::OrganisationPhone,
        Self::ServiceId,
        Self::ServiceName,
        Self::Summary,
        Self::Description,
        Self::Status,
        Self::Email,
        Self::Website,
        Self::Phone,
        Self::LocationId,
        Self::LocationName,
        Self::Address,
        Self::Street,
        Self::HouseNumber,
        Self::PostalCode,
        Self::City,
        Self::Municipality,
        Self::OpeningHours,
        Self::Themes,
        Self::TargetGroups,
        Self::MinAge,
        Self::MaxAge,
        Self::Age,
        Self::Costs,
        Self::CostsDescription,
        Self::Funding,
        Self::Referral,
        Self::ReferralHow,
        Self::EligibilityDescription,
        Self::ApplicationProcess,
        Self::WaitTime,
        Self::ProfessionalNotes,
        Self::SourceReference,
        Self::VerifiedAt,
        Self::VerifiedBy,
        Self::ServiceArea,
    ];

    /// The key in the mapping file.
    pub fn key(self) -> &'static str {
        match self {
            Self::OrganisationId => "organisation_id",
            Self::OrganisationName => "organisation_name",
            Self::OrganisationDescription => "organisation_description",
            Self::OrganisationKind => "organisation_kind",
            Self::OrganisationEmail => "organisation_email",
            Self::OrganisationWebsite => "organisation_website",
            Self::OrganisationPhone => "organisation_phone",
            Self::ServiceId => "service_id",
            Self::ServiceName => "service_name",
            Self::Summary => "summary",
            Self::Description => "description",
            Self::Status => "status",
            Self::Email => "email",
            Self::Website => "website",
            Self::Phone => "phone",
            Self::LocationId => "location_id",
            Self::LocationName => "location_name",
            Self::Address => "address",
            Self::Street => "street",
            Self::HouseNumber => "house_number",
            Self::PostalCode => "postal_code",
            Self::City => "city",
            Self::Municipality => "municipality",
            Self::OpeningHours => "opening_hours",
            Self::Themes => "themes",
            Self::TargetGroups => "target_groups",
            Self::MinAge => "min_age",
            Self::MaxAge => "max_age",
            Self::Age => "age",
            Self::Costs => "costs",
            Self::CostsDescription => "costs_description",
            Self::Funding => "funding",
            Self::Referral => "referral",
            Self::ReferralHow => "referral_how",
            Self::EligibilityDescription => "eligibility_description",
            Self::ApplicationProcess => "application_process",
            Self::WaitTime => "wait_time",
            Self::ProfessionalNotes => "professional_notes",
            Self::SourceReference => "source_reference",
            Self::VerifiedAt => "verified_at",
            Self::VerifiedBy => "verified_by",
            Self::ServiceArea => "service_area",
        }
    }

    /// The field with this mapping key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.key() == key.trim())
    }

    pub(crate) fn combine(self) -> Combine {
        match self {
            Self::OrganisationPhone
            | Self::Phone
            | Self::OpeningHours
            | Self::Themes
            | Self::TargetGroups
            | Self::Funding
            | Self::ServiceArea => Combine::List,
            Self::Description
            | Self::CostsDescription
            | Self::EligibilityDescription
            | Self::ApplicationProcess
            | Self::ProfessionalNotes => Combine::Text,
            Self::HouseNumber => Combine::Parts,
            _ => Combine::Single,
        }
    }

    /// Ids and the service name differ per row by nature; a constant for them would
    /// make every row the same record.
    pub(crate) fn constant_allowed(self) -> bool {
        !matches!(self, Self::ServiceId | Self::ServiceName | Self::LocationId | Self::SourceReference)
    }

    /// The field an HSDS path (indices removed: `phones.number`) was filled from, for
    /// problems the HSDS import reports. Several fields can fill one path (`address`
    /// or `street`); all are given, the binding picks the one that is mapped.
    pub(crate) fn for_hsds_path(path: &str) -> &'static [Self] {
        const RULES: &[(&str, &[Field])] = &[
            ("id", &[Field::ServiceId]),
            ("name", &[Field::ServiceName]),
            ("description", &[Field::Description]),
            ("status", &[Field::Status]),
            ("url", &[Field::Website]),
            ("email", &[Field::Email]),
            ("phones", &[Field::Phone]),
            ("schedules", &[Field::OpeningHours]),
            ("opening_hours", &[Field::OpeningHours]),
            ("service_areas", &[Field::ServiceArea]),
            ("summary", &[Field::Summary]),
            ("funding", &[Field::Funding]),
            ("cost_options", &[Field::Costs]),
            ("fees_description", &[Field::CostsDescription]),
            ("attributes", &[Field::Themes]),
            ("minimum_age", &[Field::MinAge, Field::Age]),
            ("maximum_age", &[Field::MaxAge, Field::Age]),
            ("eligibility_description", &[Field::EligibilityDescription]),
            ("eligibility", &[Field::TargetGroups]),
            ("application_process", &[Field::ApplicationProcess]),
            ("wait_time", &[Field::WaitTime]),
            ("referral.how", &[Field::ReferralHow]),
            ("referral", &[Field::Referral]),
            ("verified_at", &[Field::VerifiedAt]),
            ("verified_by", &[Field::VerifiedBy]),
            ("source.reference", &[Field::SourceReference]),
            ("professional_notes", &[Field::ProfessionalNotes]),
            ("organization_id", &[Field::OrganisationId]),
            ("organization.id", &[Field::OrganisationId]),
            ("organization.name", &[Field::OrganisationName]),
            ("organization.description", &[Field::OrganisationDescription]),
            ("organization.legal_status", &[Field::OrganisationKind]),
            ("organization.email", &[Field::OrganisationEmail]),
            ("organization.website", &[Field::OrganisationWebsite]),
            ("organization.phones", &[Field::OrganisationPhone]),
            ("service_at_locations.location.id", &[Field::LocationId]),
            ("service_at_locations.location.name", &[Field::LocationName]),
            ("service_at_locations.location.addresses.address_1", &[Field::Street, Field::Address]),
            ("service_at_locations.location.addresses.postal_code", &[Field::PostalCode, Field::Address]),
            ("service_at_locations.location.addresses.city", &[Field::City, Field::Address]),
            ("service_at_locations.location.addresses.region", &[Field::Municipality]),
            ("service_at_locations.location.addresses", &[Field::Street, Field::Address]),
        ];
        RULES
            .iter()
            .filter(|(prefix, _)| {
                path == *prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('.'))
            })
            .max_by_key(|(prefix, _)| prefix.len())
            .map_or(&[], |(_, fields)| fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_own_key() {
        for field in Field::ALL {
            assert_eq!(Field::from_key(field.key()), Some(field));
        }
    }

    #[test]
    fn hsds_paths_lead_back_to_the_most_specific_field() {
        assert_eq!(Field::for_hsds_path("phones.number"), [Field::Phone]);
        assert_eq!(Field::for_hsds_path("referral.how"), [Field::ReferralHow]);
        assert_eq!(Field::for_hsds_path("referral.route"), [Field::Referral]);
        assert_eq!(
            Field::for_hsds_path("service_at_locations.location.addresses.postal_code"),
            [Field::PostalCode, Field::Address]
        );
        assert!(Field::for_hsds_path("idx").is_empty());
    }
}
