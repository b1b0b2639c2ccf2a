//! The catalogue of service templates: what kinds of help exist in a Dutch
//! municipality, written once per kind so every generated instance reads like the
//! real thing. One file per theme keeps each list short enough to review.

mod care;
mod community;
mod health;
mod money;
mod work_housing;
mod youth;

use wegwijs_domain::{FundingScheme, ReferralRoute, TargetGroup};

/// Which kind of provider offers a template; see `names.rs` for the names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    /// Welzijn foundation (Welzijn Teylingen-like).
    Welzijn,
    /// The municipality itself: Wmo-loket, CJG, sociaal team.
    Gemeente,
    /// A regional foundation (Humanitas-, Vluchtelingenwerk-, MEE-like).
    Stichting,
    /// Huisartsenpraktijk.
    Huisarts,
    /// Fysiotherapie / oefentherapie.
    Fysio,
    /// Sports club.
    Sportclub,
    /// Seniors' association, patient association.
    Ouderenbond,
    /// Repair café, buurtmoestuin, voedselbank-like.
    Buurt,
    /// Church community.
    Kerk,
    /// Thuiszorg, maaltijdservice, alarm company.
    Bedrijf,
    /// Music school, library, culture.
    Cultuur,
    /// Youth care provider.
    Jeugdzorg,
}

/// The weekly pattern a template usually has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hours {
    /// Weekdays with a lunch break.
    Office,
    /// A few mornings a week.
    Mornings,
    /// One walk-in hour block a week.
    Spreekuur,
    /// Evenings, sometimes Saturday.
    Evenings,
    /// Training evenings and Saturday.
    Sport,
    /// Round the clock.
    Always,
    /// By appointment only: no weekly hours.
    Appointment,
}

/// One kind of service.
#[derive(Debug)]
pub struct Template {
    /// Stable key, part of derived ids.
    pub key: &'static str,
    /// Service names; `{p}` is the place.
    pub names: &'static [&'static str],
    /// B1 summary, "u"-form; `{p}` is the place.
    pub summary: &'static str,
    /// Professional description; `{p}` is the place, `{o}` the organisation.
    pub description: &'static str,
    /// Optional extra sentences, some added per instance.
    pub extras: &'static [&'static str],
    /// Theme codes (taxonomy `thema`).
    pub themes: &'static [&'static str],
    /// Positieve Gezondheid codes.
    pub health: &'static [&'static str],
    /// iWmo/iJw code, where fitting.
    pub care: Option<&'static str>,
    /// Who offers it.
    pub providers: &'static [Provider],
    /// Minimum and maximum age.
    pub ages: (Option<u8>, Option<u8>),
    /// Target groups.
    pub groups: &'static [TargetGroup],
    /// Funding.
    pub funding: &'static [FundingScheme],
    /// Referral route and how.
    pub referral: (ReferralRoute, Option<&'static str>),
    /// Price: what for, min and max cents, or none when free.
    pub cost: Option<(&'static str, u32, u32)>,
    /// How to apply.
    pub apply: &'static str,
    /// Typical wait, where realistic.
    pub wait: Option<&'static str>,
    /// Text for professionals, added to about a third of the instances.
    pub pro: Option<&'static str>,
    /// Usual opening pattern.
    pub hours: Hours,
    /// Offered in other languages too.
    pub multilingual: bool,
}

/// Every template, in a fixed order.
pub fn all() -> Vec<&'static Template> {
    [money::ALL, care::ALL, youth::ALL, health::ALL, work_housing::ALL, community::ALL].into_iter().flatten().collect()
}

/// Defaults that templates override; keeps each template down to what makes it special.
pub const BASE: Template = Template {
    key: "",
    names: &[],
    summary: "",
    description: "",
    extras: &[],
    themes: &[],
    health: &[],
    care: None,
    providers: &[Provider::Welzijn],
    ages: (None, None),
    groups: &[],
    funding: &[FundingScheme::Gratis],
    referral: (ReferralRoute::None, None),
    cost: None,
    apply: "",
    wait: None,
    pro: None,
    hours: Hours::Office,
    multilingual: false,
};
