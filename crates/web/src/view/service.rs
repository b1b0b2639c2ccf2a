//! What the service list and the service page show about a service.

use crate::i18n::Locale;
use askama::Template;
use chrono::{DateTime, TimeDelta, Utc};
use wegwijs_domain::freshness::last_checked;
use wegwijs_domain::schedule::{ExceptionHours, OpeningHours};
use wegwijs_domain::{
    FreshnessPolicy, Location, Organisation, RecordMeta, ReferralRoute, Service, TaxonomyTerm, VerifiedBy,
};

/// A service in a list.
pub struct ServiceListItem {
    /// Link to the service page.
    pub href: String,
    /// Service name.
    pub name: String,
    /// Organisation name.
    pub organisation: String,
    /// Plain-language summary.
    pub summary: String,
}

impl ServiceListItem {
    /// Builds the list entry; `organisation` is `None` if it could not be found.
    pub fn new(locale: Locale, service: &Service, organisation: Option<&Organisation>) -> Self {
        Self {
            href: super::service_href(locale, service.id.as_str(), service.name.as_str()),
            name: service.name.to_string(),
            organisation: organisation.map(|o| o.name.to_string()).unwrap_or_default(),
            summary: service.summary.clone(),
        }
    }
}

/// One line of opening hours: a day with its periods.
pub struct HoursLine {
    /// "maandag" or "24 december 2026".
    pub day: String,
    /// "9.00 – 12.30, 13.30 – 17.00" or "gesloten".
    pub periods: String,
    /// Why the day is special, for exceptions.
    pub reason: Option<String>,
}

/// A location of the service as shown on its page.
pub struct LocationView {
    /// Location name.
    pub name: String,
    /// "Hoofdstraat 12, 2171 AB Sassenheim".
    pub address: Option<String>,
    /// Accessibility information.
    pub accessibility: Option<String>,
}

/// A phone number with its link.
pub struct PhoneView {
    /// `tel:` link target.
    pub href: String,
    /// Number as Dutch readers write it.
    pub display: String,
    /// What the line is for.
    pub description: Option<String>,
}

impl PhoneView {
    /// A phone line as shown and dialled.
    pub fn new(phone: &wegwijs_domain::Phone) -> Self {
        Self {
            href: format!("tel:{}", phone.number.as_str()),
            display: phone.number.display_national(),
            description: phone.description.clone(),
        }
    }
}

/// The service page.
#[derive(Template)]
#[template(path = "services/show.html")]
pub struct ServicePage {
    /// Interface language.
    pub locale: Locale,
    /// The frame (set by the handler after [`ServicePage::new`]).
    pub chrome: super::Chrome,
    /// Service id.
    pub id: String,
    /// Service name.
    pub name: String,
    /// Organisation name.
    pub organisation: String,
    /// Link to the organisation's page.
    pub organisation_href: Option<String>,
    /// The areas the service works in ("Teylingen", "Warmond").
    pub areas: Vec<String>,
    /// Map of the locations, inline SVG.
    pub map_svg: Option<String>,
    /// Where "Klopt er iets niet?" goes.
    pub report_href: String,
    /// Information for professionals: present only when the service was projected for
    /// a viewer who may read it (`Service::for_viewer`); the page shows what it gets.
    pub professional_notes: Option<String>,
    /// The portal's edit page, for accounts that may change this service.
    pub edit_href: Option<String>,
    /// This page's address, to come back to after saving it to the list.
    pub back: String,
    /// Plain-language summary.
    pub summary: String,
    /// Full description.
    pub description: String,
    /// Age and eligibility lines.
    pub for_whom: Vec<String>,
    /// Price lines.
    pub costs: Vec<String>,
    /// Who pays.
    pub paid_by: Vec<String>,
    /// How to apply.
    pub application_process: Option<String>,
    /// Referral line.
    pub referral: String,
    /// How the referral works.
    pub referral_how: Option<String>,
    /// Waiting time.
    pub wait_time: Option<String>,
    /// `Some(true)` open, `Some(false)` closed, `None` unknown.
    pub open_now: Option<bool>,
    /// Weekly hours.
    pub hours: Vec<HoursLine>,
    /// Upcoming exceptional days.
    pub exceptions: Vec<HoursLine>,
    /// Whether public holidays close the service.
    pub closed_on_holidays: bool,
    /// Free-text hours notes.
    pub hours_notes: Option<String>,
    /// Phone lines.
    pub phones: Vec<PhoneView>,
    /// E-mail address.
    pub email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Locations.
    pub locations: Vec<LocationView>,
    /// Theme names.
    pub themes: Vec<String>,
    /// Language names.
    pub languages: Vec<String>,
    /// "Gecontroleerd op 3 oktober 2026 door de organisatie", or when it last changed
    /// (see [`checked_line`]).
    pub verified: String,
    /// The calm warning that the information was not checked for a long time (set by
    /// the handler, see [`stale_warning`]).
    pub stale_warning: Option<String>,
    /// For editors and the organisation's providers: the service is hidden from
    /// visitors because it was not checked for a long time (set by the handler).
    pub hidden_notice: Option<String>,
}

impl ServicePage {
    /// Prepares the page. `terms` are the service's taxonomy terms; `now` decides
    /// "open now" and which exceptions are still to come.
    pub fn new(
        chrome: super::Chrome,
        service: &Service,
        organisation: Option<&Organisation>,
        locations: &[Location],
        terms: &[TaxonomyTerm],
        now: DateTime<Utc>,
    ) -> Self {
        let hours = &service.opening_hours;
        let locale = chrome.locale;
        let back = super::service_href(locale, service.id.as_str(), service.name.as_str());
        Self {
            locale,
            chrome,
            id: service.id.as_str().to_owned(),
            name: service.name.to_string(),
            organisation: organisation.map(|o| o.name.to_string()).unwrap_or_default(),
            organisation_href: organisation.map(|o| super::organisation_href(locale, o.id.as_str(), o.name.as_str())),
            areas: service.areas.iter().map(|a| a.name.clone()).collect(),
            map_svg: None,
            report_href: locale.href(&format!("/diensten/{}/fout-melden", service.id.as_str())),
            professional_notes: service.professional_notes.clone(),
            edit_href: None,
            back,
            summary: service.summary.clone(),
            description: service.description.clone(),
            for_whom: for_whom(locale, service),
            costs: cost_lines(service)
                .into_iter()
                .chain(service.fees_description.clone())
                .collect::<Vec<_>>()
                .into_iter()
                .chain(
                    // No price given: free only when the funding says so.
                    (service.costs.is_empty() && service.fees_description.is_none()).then(|| {
                        let free = service.funding.contains(&wegwijs_domain::FundingScheme::Gratis);
                        locale.t(if free { "service.free" } else { "service.costs_unknown" }).to_owned()
                    }),
                )
                .collect(),
            paid_by: service.funding.iter().map(|f| locale.t(&format!("funding.{}", f.code())).to_owned()).collect(),
            application_process: service.application_process.clone(),
            referral: locale.t(&format!("referral.{}", service.referral.route.code())).to_owned(),
            referral_how: service.referral.how.clone().filter(|_| service.referral.route != ReferralRoute::None),
            wait_time: service.wait_time.clone(),
            open_now: hours.is_open_at(now),
            hours: weekly_lines(locale, hours),
            exceptions: exception_lines(locale, hours, now),
            closed_on_holidays: hours.closed_on_public_holidays(),
            hours_notes: hours.notes().map(str::to_owned),
            phones: service.phones.iter().map(PhoneView::new).collect(),
            email: service.email.as_ref().map(ToString::to_string),
            website: service.url.as_ref().map(ToString::to_string),
            locations: locations.iter().map(location_view).collect(),
            themes: terms.iter().map(|term| term.lay_name.clone()).collect(),
            languages: service.languages.iter().map(|l| l.name.clone()).collect(),
            verified: checked_line(locale, &service.meta),
            stale_warning: None,
            hidden_notice: None,
        }
    }
}

/// When a record was last checked and by whom: "Gecontroleerd op 3 maart 2026 door de
/// organisatie"; for a record never verified, when it last changed instead.
pub(crate) fn checked_line(locale: Locale, meta: &RecordMeta) -> String {
    let day = |at: DateTime<Utc>| locale.day(at);
    match &meta.verification {
        Some(verification) => {
            let key = match verification.by {
                VerifiedBy::Provider => "service.checked_by_provider",
                VerifiedBy::Editor => "service.checked_by_editor",
                VerifiedBy::Import => "service.checked_by_import",
            };
            locale.tf(key, &[("date", &day(verification.at))])
        }
        None => locale.tf("service.not_checked", &[("date", &day(meta.updated))]),
    }
}

/// The calm warning for a record last checked `policy.public_warning` ago or longer
/// ("Deze informatie is meer dan een jaar niet gecontroleerd. Bel of mail de
/// organisatie om zeker te zijn."), with the configured age in words; `None` when it
/// was checked recently enough.
pub(crate) fn stale_warning(
    locale: Locale,
    policy: &FreshnessPolicy,
    meta: &RecordMeta,
    now: DateTime<Utc>,
) -> Option<String> {
    policy
        .warns_public(last_checked(meta), now)
        .then(|| locale.tf("service.stale_warning", &[("age", &age_in_words(locale, policy.public_warning))]))
}

/// A threshold in words, as the policy counts it (a month is 30 days): "een jaar",
/// "2 jaar", "een maand", "14 maanden", "45 dagen".
pub(crate) fn age_in_words(locale: Locale, age: TimeDelta) -> String {
    let days = age.num_days();
    let month = wegwijs_domain::freshness::months(1).num_days();
    let months = days / month;
    if days % month != 0 || months == 0 {
        return if days == 1 {
            locale.t("service.age_one_day").to_owned()
        } else {
            locale.tf("service.age_days", &[("n", &days)])
        };
    }
    match (months % 12, months / 12) {
        (0, 1) => locale.t("service.age_one_year").to_owned(),
        (0, years) => locale.tf("service.age_years", &[("n", &years)]),
        (1, 0) => locale.t("service.age_one_month").to_owned(),
        _ => locale.tf("service.age_months", &[("n", &months)]),
    }
}

/// One line per price: "Per maaltijd: € 7,50".
pub(crate) fn cost_lines(service: &Service) -> Vec<String> {
    service
        .costs
        .iter()
        .map(|cost| match (cost.amount_cents, &cost.amount_description) {
            (_, Some(text)) => format!("{}: {text}", cost.option),
            (Some(cents), None) => format!("{}: {}", cost.option, super::format::euros(u64::from(cents))),
            (None, None) => cost.option.clone(),
        })
        .collect()
}

pub(crate) fn for_whom(locale: Locale, service: &Service) -> Vec<String> {
    let eligibility = &service.eligibility;
    let age = match (eligibility.min_age, eligibility.max_age) {
        (Some(min), Some(max)) => Some(locale.tf("service.age_range", &[("min", &min), ("max", &max)])),
        (Some(min), None) => Some(locale.tf("service.age_from", &[("min", &min)])),
        (None, Some(max)) => Some(locale.tf("service.age_until", &[("max", &max)])),
        (None, None) => None,
    };
    let groups = eligibility.target_groups.iter().map(|g| locale.t(&format!("target_group.{}", g.code())).to_owned());
    let lines: Vec<String> = groups.chain(age).chain(eligibility.description.clone()).collect();
    if lines.is_empty() { vec![locale.t("service.everyone").to_owned()] } else { lines }
}

pub(crate) fn weekly_lines(locale: Locale, hours: &OpeningHours) -> Vec<HoursLine> {
    let mut lines: Vec<HoursLine> = Vec::new();
    for period in hours.weekly() {
        let text = format!("{} – {}", period.opens.display_dutch(), period.closes.display_dutch());
        let day = locale.t(&format!("weekday.{}", period.weekday)).to_owned();
        match lines.last_mut() {
            Some(line) if line.day == day => line.periods = format!("{}, {text}", line.periods),
            _ => lines.push(HoursLine { day, periods: text, reason: None }),
        }
    }
    lines
}

fn exception_lines(locale: Locale, hours: &OpeningHours, now: DateTime<Utc>) -> Vec<HoursLine> {
    let today = now.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive();
    hours
        .exceptions()
        .iter()
        .filter(|exception| exception.date >= today)
        .map(|exception| HoursLine {
            day: locale.date(exception.date),
            periods: match exception.hours {
                ExceptionHours::Closed => locale.t("service.closed").to_owned(),
                ExceptionHours::Open { opens, closes } => {
                    format!("{} – {}", opens.display_dutch(), closes.display_dutch())
                }
            },
            reason: exception.reason.clone(),
        })
        .collect()
}

pub(crate) fn location_view(location: &Location) -> LocationView {
    LocationView {
        name: location.name.to_string(),
        address: location.address.as_ref().map(|a| format!("{}, {} {}", a.street, a.postal_code, a.city)),
        accessibility: location.accessibility.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn for_whom_names_the_target_groups_the_provider_chose() {
        let now = chrono::Utc::now();
        let data = wegwijs_demo::generate(&wegwijs_demo::DemoConfig { services: 100, seed: 3, now });
        let mut service = data.services[0].clone();
        service.eligibility = wegwijs_domain::Eligibility {
            min_age: None,
            max_age: None,
            target_groups: vec![wegwijs_domain::TargetGroup::Mantelzorgers],
            description: None,
        };
        let lines = for_whom(Locale::Nl, &service);
        assert_eq!(lines, [Locale::Nl.t("target_group.mantelzorgers").to_owned()], "not 'Voor iedereen'");
        service.eligibility.target_groups.clear();
        assert_eq!(for_whom(Locale::Nl, &service), [Locale::Nl.t("service.everyone").to_owned()]);
    }

    #[test]
    fn thresholds_are_named_in_words() {
        use wegwijs_domain::freshness::months;
        let words = |age| (age_in_words(Locale::Nl, age), age_in_words(Locale::En, age));
        assert_eq!(words(months(12)), ("een jaar".into(), "a year".into()));
        assert_eq!(words(months(24)), ("2 jaar".into(), "2 years".into()));
        assert_eq!(words(months(14)), ("14 maanden".into(), "14 months".into()));
        assert_eq!(words(months(1)), ("een maand".into(), "a month".into()));
        assert_eq!(words(TimeDelta::days(45)), ("45 dagen".into(), "45 days".into()));
    }

    #[test]
    fn the_check_line_says_when_and_who_or_else_when_it_last_changed() {
        use wegwijs_domain::{Source, Verification};
        let changed = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 3, 3, 23, 30, 0).unwrap();
        let mut meta = RecordMeta::new(changed, Source::named("test"));
        assert_eq!(checked_line(Locale::Nl, &meta), "Nog niet gecontroleerd. Laatst gewijzigd op 4 maart 2026.");
        meta.verification = Some(Verification { at: changed, by: VerifiedBy::Editor });
        assert_eq!(checked_line(Locale::Nl, &meta), "Gecontroleerd op 4 maart 2026 door de redactie");
        assert_eq!(checked_line(Locale::En, &meta), "Checked on 4 March 2026 by the editors");
        let policy = FreshnessPolicy { public_warning: wegwijs_domain::freshness::months(14), ..Default::default() };
        assert_eq!(stale_warning(Locale::Nl, &policy, &meta, changed + TimeDelta::days(419)), None);
        assert_eq!(
            stale_warning(Locale::Nl, &policy, &meta, changed + TimeDelta::days(420)).as_deref(),
            Some(
                "Deze informatie is meer dan 14 maanden niet gecontroleerd. Bel of mail de organisatie om zeker te zijn."
            )
        );
    }
}
