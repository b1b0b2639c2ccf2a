//! Dutch extensions to HSDS: who pays, how you get access, and who a service is for.

use serde::{Deserialize, Serialize};

/// The law or payer that funds a service for the resident. Residents ask "wat kost het
/// mij?", and the answer depends on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundingScheme {
    /// Wet maatschappelijke ondersteuning (municipality, adults).
    Wmo,
    /// Jeugdwet (municipality, under 18).
    Jeugdwet,
    /// Zorgverzekeringswet (health insurance).
    Zvw,
    /// Wet langdurige zorg.
    Wlz,
    /// Participatiewet (work and income, municipality).
    Participatiewet,
    /// Free for everyone.
    Gratis,
    /// The resident pays.
    EigenBetaling,
}

impl FundingScheme {
    /// Every scheme, in display order.
    pub const ALL: [Self; 7] =
        [Self::Gratis, Self::Wmo, Self::Jeugdwet, Self::Zvw, Self::Wlz, Self::Participatiewet, Self::EigenBetaling];

    /// Stable code, also used as HSDS `funding.source`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Wmo => "wmo",
            Self::Jeugdwet => "jeugdwet",
            Self::Zvw => "zvw",
            Self::Wlz => "wlz",
            Self::Participatiewet => "participatiewet",
            Self::Gratis => "gratis",
            Self::EigenBetaling => "eigen_betaling",
        }
    }

    /// Parses a code or the usual Dutch spelling ("Eigen betaling", "WMO").
    pub fn parse(raw: &str) -> Option<Self> {
        let norm: String = raw.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        Some(match norm.as_str() {
            "wmo" => Self::Wmo,
            "jeugdwet" | "jw" => Self::Jeugdwet,
            "zvw" | "zorgverzekeringswet" | "zorgverzekering" => Self::Zvw,
            "wlz" | "wetlangdurigezorg" => Self::Wlz,
            "participatiewet" | "pw" => Self::Participatiewet,
            "gratis" | "free" | "kosteloos" => Self::Gratis,
            "eigenbetaling" | "eigenbijdrage" | "selfpay" => Self::EigenBetaling,
            _ => return None,
        })
    }
}

/// Whether and how a resident needs a referral (verwijzing) before getting the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    /// Who must refer.
    pub route: ReferralRoute,
    /// How it works, in plain language: "Vraag uw huisarts om een verwijzing."
    pub how: Option<String>,
}

impl Referral {
    /// Open access: no referral needed.
    pub fn none() -> Self {
        Self { route: ReferralRoute::None, how: None }
    }
}

/// Who refers residents to a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralRoute {
    /// Walk in or call: no referral needed.
    None,
    /// Via the GP (huisarts).
    Huisarts,
    /// Via the neighbourhood team (wijkteam / CJG).
    Wijkteam,
    /// Via the municipality (Wmo-loket, beschikking).
    Gemeente,
}

impl ReferralRoute {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Huisarts => "huisarts",
            Self::Wijkteam => "wijkteam",
            Self::Gemeente => "gemeente",
        }
    }

    /// Parses a stable code or Dutch wording.
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw.trim().to_lowercase().as_str() {
            "none" | "geen" | "nee" | "" => Self::None,
            "huisarts" | "gp" => Self::Huisarts,
            "wijkteam" | "cjg" | "buurtteam" => Self::Wijkteam,
            "gemeente" | "wmo-loket" | "municipality" => Self::Gemeente,
            _ => return None,
        })
    }
}

/// Who a service is meant for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Eligibility {
    /// Lowest age in years, inclusive.
    pub min_age: Option<u8>,
    /// Highest age in years, inclusive.
    pub max_age: Option<u8>,
    /// Groups the service is for; empty means everyone.
    pub target_groups: Vec<TargetGroup>,
    /// Conditions in plain language ("U woont in Teylingen").
    pub description: Option<String>,
}

impl Eligibility {
    /// Whether a person of `age` years falls within the age range.
    pub fn admits_age(&self, age: u8) -> bool {
        self.min_age.is_none_or(|min| age >= min) && self.max_age.is_none_or(|max| age <= max)
    }
}

/// Target groups used in Dutch social-domain practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetGroup {
    /// Children up to 12.
    Kinderen,
    /// Young people 12–23.
    Jongeren,
    /// Parents and carers of children.
    Ouders,
    /// Adults in general.
    Volwassenen,
    /// Older people (65+).
    Ouderen,
    /// Informal carers.
    Mantelzorgers,
    /// People with a physical, sensory or intellectual disability.
    MensenMetBeperking,
    /// People with psychological problems.
    PsychischeKwetsbaarheid,
    /// Newcomers and status holders.
    Nieuwkomers,
    /// People on a low income.
    LaagInkomen,
    /// Volunteers.
    Vrijwilligers,
    /// Professionals in the social domain.
    Professionals,
}

impl TargetGroup {
    /// Every group, in display order.
    pub const ALL: [Self; 12] = [
        Self::Kinderen,
        Self::Jongeren,
        Self::Ouders,
        Self::Volwassenen,
        Self::Ouderen,
        Self::Mantelzorgers,
        Self::MensenMetBeperking,
        Self::PsychischeKwetsbaarheid,
        Self::Nieuwkomers,
        Self::LaagInkomen,
        Self::Vrijwilligers,
        Self::Professionals,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Kinderen => "kinderen",
            Self::Jongeren => "jongeren",
            Self::Ouders => "ouders",
            Self::Volwassenen => "volwassenen",
            Self::Ouderen => "ouderen",
            Self::Mantelzorgers => "mantelzorgers",
            Self::MensenMetBeperking => "mensen_met_beperking",
            Self::PsychischeKwetsbaarheid => "psychische_kwetsbaarheid",
            Self::Nieuwkomers => "nieuwkomers",
            Self::LaagInkomen => "laag_inkomen",
            Self::Vrijwilligers => "vrijwilligers",
            Self::Professionals => "professionals",
        }
    }

    /// Parses a stable code.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        Self::ALL.into_iter().find(|group| group.code() == raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funding_parses_dutch_spellings() {
        assert_eq!(FundingScheme::parse("WMO"), Some(FundingScheme::Wmo));
        assert_eq!(FundingScheme::parse("Eigen betaling"), Some(FundingScheme::EigenBetaling));
        assert_eq!(FundingScheme::parse("subsidie?"), None);
        for scheme in FundingScheme::ALL {
            assert_eq!(FundingScheme::parse(scheme.code()), Some(scheme));
        }
    }

    #[test]
    fn age_range_is_inclusive() {
        let youth = Eligibility { min_age: Some(12), max_age: Some(23), ..Eligibility::default() };
        assert!(youth.admits_age(12) && youth.admits_age(23));
        assert!(!youth.admits_age(11) && !youth.admits_age(24));
        assert!(Eligibility::default().admits_age(90));
    }

    #[test]
    fn target_group_codes_round_trip() {
        for group in TargetGroup::ALL {
            assert_eq!(TargetGroup::parse(group.code()), Some(group));
        }
    }
}
