//! What the service list and the service page show about a service.

use crate::i18n::Locale;
use askama::Template;
use chrono::{DateTime, Utc};
use wegwijs_domain::schedule::{ExceptionHours, OpeningHours};
use wegwijs_domain::{Location, Organisation, ReferralRoute, Service, TaxonomyTerm};

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
    /// "Gecontroleerd op 3 oktober 2026", or the not-verified text.
    pub verified: String,
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
            verified: match &service.meta.verification {
                Some(verification) => {
                    let date = verification.at.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive();
                    locale.tf("service.verified_on", &[("date", &locale.date(date))])
                }
                None => locale.t("service.not_verified").to_owned(),
            },
        }
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
}
