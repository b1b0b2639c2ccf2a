//! The service form: everything a provider or editor can change about a service. What
//! the form does not show (areas, contacts, links to other organisations' locations,
//! terms of other taxonomies, metadata) stays as stored.

use super::choices::{self, LANGUAGES};
use super::clean::Reader;
use super::hours::{self, HoursFields};
use super::input::FormInput;
use super::rows::{self, CostRow, PhoneRow};
use super::widgets::{ChoiceGroup, Kind, SelectField, Spec, TextField};
use super::{DESCRIPTION_MAX, FieldProblem, FormOptions, NAME_MAX, PROFESSIONAL_NOTES_MAX, SHORT_MAX, SUMMARY_MAX};
use crate::i18n::Locale;
use wegwijs_domain::{
    Eligibility, FundingScheme, Id, Language, Referral, ReferralRoute, Service, ServiceAtLocation, ServiceStatus,
    TargetGroup,
};

const NAME: Spec = Spec::line("naam", "form.service.name", Some("form.service.name_hint"), NAME_MAX);
const ALTERNATE_NAME: Spec =
    Spec::line("andere_naam", "form.alternate_name", Some("form.alternate_name_hint"), NAME_MAX);
const SUMMARY: Spec =
    Spec::line("samenvatting", "form.service.summary", Some("form.service.summary_hint"), SUMMARY_MAX)
        .kind(Kind::Area(3));
const DESCRIPTION: Spec =
    Spec::line("beschrijving", "form.service.description", Some("form.service.description_hint"), DESCRIPTION_MAX)
        .kind(Kind::Area(10));
const URL: Spec = Spec::line("website", "form.website", Some("form.website_hint"), SHORT_MAX).kind(Kind::Url);
const EMAIL: Spec = Spec::line("email", "form.email", Some("form.email_hint"), SHORT_MAX).kind(Kind::Email);
const FEES: Spec = Spec::line("kosten_toelichting", "form.service.fees", Some("form.service.fees_hint"), SHORT_MAX)
    .kind(Kind::Area(3));
const REFERRAL_HOW: Spec =
    Spec::line("verwijzing_hoe", "form.service.referral_how", Some("form.service.referral_how_hint"), SHORT_MAX);
const MIN_AGE: Spec =
    Spec::line("leeftijd_min", "form.service.min_age", Some("form.service.age_hint"), 3).kind(Kind::Number);
const MAX_AGE: Spec =
    Spec::line("leeftijd_max", "form.service.max_age", Some("form.service.age_hint"), 3).kind(Kind::Number);
const CONDITIONS: Spec =
    Spec::line("voorwaarden", "form.service.conditions", Some("form.service.conditions_hint"), SHORT_MAX)
        .kind(Kind::Area(3));
const APPLICATION: Spec =
    Spec::line("aanmelden", "form.service.application", Some("form.service.application_hint"), SHORT_MAX)
        .kind(Kind::Area(4));
const WAIT_TIME: Spec =
    Spec::line("wachttijd", "form.service.wait_time", Some("form.service.wait_time_hint"), SHORT_MAX);
const NOTES: Spec = Spec::line(
    "professionals",
    "form.service.professional_notes",
    Some("form.service.professional_notes_hint"),
    PROFESSIONAL_NOTES_MAX,
)
.kind(Kind::Area(6));

/// The text fields of the form, for the test that every label and hint has a text.
#[cfg(test)]
pub(crate) const SPECS: [Spec; 14] = [
    NAME,
    ALTERNATE_NAME,
    SUMMARY,
    DESCRIPTION,
    URL,
    EMAIL,
    FEES,
    REFERRAL_HOW,
    MIN_AGE,
    MAX_AGE,
    CONDITIONS,
    APPLICATION,
    WAIT_TIME,
    NOTES,
];

const STATUS: &str = "status";
const FUNDING: &str = "financiering";
const REFERRAL: &str = "verwijzing";
const GROUPS: &str = "doelgroep";
const LANGUAGE: &str = "taal";
const TERM: &str = "thema";
const LOCATION: &str = "locatie";

/// Statuses in the order the select offers them.
const STATUSES: [ServiceStatus; 4] =
    [ServiceStatus::Active, ServiceStatus::TemporarilyClosed, ServiceStatus::Inactive, ServiceStatus::Defunct];
/// Referral routes in the order the radios offer them.
const ROUTES: [ReferralRoute; 4] =
    [ReferralRoute::None, ReferralRoute::Huisarts, ReferralRoute::Wijkteam, ReferralRoute::Gemeente];
/// Oldest age a form accepts: older is a typing error.
const AGE_MAX: u8 = 120;

/// The service form as the fragment `forms/service.html` draws it (page field `fields`).
#[derive(Debug, Clone)]
pub struct ServiceFields {
    /// Name.
    pub name: TextField,
    /// Another name it is known by.
    pub alternate_name: TextField,
    /// The B1 summary.
    pub summary: TextField,
    /// The full description.
    pub description: TextField,
    /// Whether it is running.
    pub status: SelectField,
    /// Web page.
    pub url: TextField,
    /// E-mail address.
    pub email: TextField,
    /// Phone lines.
    pub phones: Vec<PhoneRow>,
    /// Opening hours.
    pub hours: HoursFields,
    /// Prices.
    pub costs: Vec<CostRow>,
    /// Costs in words.
    pub fees_description: TextField,
    /// Who pays (checkboxes).
    pub funding: ChoiceGroup,
    /// Who must refer (radios).
    pub referral: ChoiceGroup,
    /// How referral works.
    pub referral_how: TextField,
    /// Lowest age.
    pub min_age: TextField,
    /// Highest age.
    pub max_age: TextField,
    /// Target groups (checkboxes).
    pub target_groups: ChoiceGroup,
    /// Conditions in words.
    pub conditions: TextField,
    /// How to apply.
    pub application_process: TextField,
    /// Waiting time.
    pub wait_time: TextField,
    /// Languages besides Dutch (checkboxes).
    pub languages: ChoiceGroup,
    /// Themes (checkboxes from [`FormOptions::terms`]; the fragment hides an empty group).
    pub terms: ChoiceGroup,
    /// Locations (checkboxes from [`FormOptions::locations`]; hidden when empty).
    pub locations: ChoiceGroup,
    /// Information for professionals only.
    pub professional_notes: TextField,
}

impl ServiceFields {
    /// The form filled with `service`.
    pub fn from_record(locale: Locale, service: &Service, options: &FormOptions) -> Self {
        Self::from_input(locale, &service_input(service), &[], options)
    }

    /// The form as typed, with `problems` next to their fields.
    pub fn from_input(locale: Locale, input: &FormInput, problems: &[FieldProblem], options: &FormOptions) -> Self {
        let text = |spec| TextField::new(locale, spec, input, problems);
        let group = |name, legend: &str, hint: Option<&str>, options: Vec<(String, String)>| {
            ChoiceGroup::new(
                name,
                locale.t(legend).to_owned(),
                hint.map(|h| locale.t(h).to_owned()),
                options,
                input,
                problems,
            )
        };
        let statuses = STATUSES.iter().map(|s| (s.as_hsds().to_owned(), locale.t(&choices::status_key(*s)).to_owned()));
        Self {
            name: text(NAME),
            alternate_name: text(ALTERNATE_NAME),
            summary: text(SUMMARY),
            description: text(DESCRIPTION),
            status: SelectField::new(
                STATUS.to_owned(),
                locale.t("form.service.status").to_owned(),
                statuses,
                input,
                problems,
            ),
            url: text(URL),
            email: text(EMAIL),
            phones: rows::phone_rows(locale, input, problems),
            hours: HoursFields::new(locale, input, problems),
            costs: rows::cost_rows(locale, input, problems),
            fees_description: text(FEES),
            funding: group(
                FUNDING,
                "form.service.funding",
                Some("form.service.funding_hint"),
                choices::funding(locale),
            ),
            referral: group(REFERRAL, "form.service.referral", None, choices::routes(locale, &ROUTES)).radios(),
            referral_how: text(REFERRAL_HOW),
            min_age: text(MIN_AGE),
            max_age: text(MAX_AGE),
            target_groups: group(
                GROUPS,
                "form.service.target_groups",
                Some("form.service.target_groups_hint"),
                choices::groups(locale),
            ),
            conditions: text(CONDITIONS),
            application_process: text(APPLICATION),
            wait_time: text(WAIT_TIME),
            languages: group(
                LANGUAGE,
                "form.service.languages",
                Some("form.service.languages_hint"),
                choices::languages(locale),
            ),
            terms: group(TERM, "form.service.terms", Some("form.service.terms_hint"), named(&options.terms)),
            locations: group(
                LOCATION,
                "form.service.locations",
                Some("form.service.locations_hint"),
                named(&options.locations),
            ),
            professional_notes: text(NOTES),
        }
    }
}

fn named(options: &[(Id, String)]) -> Vec<(String, String)> {
    options.iter().map(|(id, name)| (id.as_str().to_owned(), name.clone())).collect()
}

/// `service` as its form posts it: what [`ServiceFields::from_record`] shows.
pub(crate) fn service_input(service: &Service) -> FormInput {
    let mut input = FormInput::default();
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    input.push(NAME.name, service.name.as_str());
    input.push(ALTERNATE_NAME.name, optional(&service.alternate_name));
    input.push(SUMMARY.name, service.summary.clone());
    input.push(DESCRIPTION.name, service.description.clone());
    input.push(STATUS, service.status.as_hsds());
    input.push(URL.name, service.url.as_ref().map(|u| u.as_str().to_owned()).unwrap_or_default());
    input.push(EMAIL.name, service.email.as_ref().map(|e| e.as_str().to_owned()).unwrap_or_default());
    rows::write_phones(&service.phones, &mut input);
    hours::write(&service.opening_hours, &mut input);
    rows::write_costs(&service.costs, &mut input);
    input.push(FEES.name, optional(&service.fees_description));
    for scheme in &service.funding {
        input.push(FUNDING, scheme.code());
    }
    input.push(REFERRAL, service.referral.route.code());
    input.push(REFERRAL_HOW.name, optional(&service.referral.how));
    input.push(MIN_AGE.name, service.eligibility.min_age.map(|a| a.to_string()).unwrap_or_default());
    input.push(MAX_AGE.name, service.eligibility.max_age.map(|a| a.to_string()).unwrap_or_default());
    for group in &service.eligibility.target_groups {
        input.push(GROUPS, group.code());
    }
    input.push(CONDITIONS.name, optional(&service.eligibility.description));
    input.push(APPLICATION.name, optional(&service.application_process));
    input.push(WAIT_TIME.name, optional(&service.wait_time));
    for language in &service.languages {
        input.push(LANGUAGE, language.code.clone());
    }
    for term in &service.terms {
        input.push(TERM, term.as_str());
    }
    for link in &service.locations {
        input.push(LOCATION, link.location_id.as_str());
    }
    input.push(NOTES.name, optional(&service.professional_notes));
    input
}

/// Applies the posted form to a copy of `base` and checks every field; all problems
/// are returned at once, in the order of the form.
pub fn read_service(
    locale: Locale,
    base: &Service,
    input: &FormInput,
    options: &FormOptions,
) -> Result<Service, Vec<FieldProblem>> {
    let mut r = Reader::new(locale, input);
    let name = r.name(NAME);
    let alternate_name = r.optional(ALTERNATE_NAME);
    let summary = r.text(SUMMARY).unwrap_or_default();
    let description = r.text(DESCRIPTION).unwrap_or_default();
    let status = ServiceStatus::from_hsds(input.get(STATUS)).or_else(|| {
        let message = locale.t("form.service.error_status");
        r.problem(STATUS, message);
        None
    });
    let url = r.url(URL);
    let email = r.email(EMAIL);
    let phones = rows::read_phones(&mut r, &base.id, &base.phones);
    let opening_hours = hours::read(&mut r);
    let costs = rows::read_costs(&mut r, &base.id, &base.costs);
    let fees_description = r.optional(FEES);
    let funding = choices::keep_order(&base.funding, &FundingScheme::ALL, |s| input.has(FUNDING, s.code()));
    let referral = read_referral(&mut r);
    let eligibility = read_eligibility(&mut r, base);
    let application_process = r.optional(APPLICATION);
    let wait_time = r.optional(WAIT_TIME);
    let languages = read_languages(input, base);
    let offered: Vec<Id> = options.terms.iter().map(|(id, _)| id.clone()).collect();
    let terms = choices::keep_order(&base.terms, &offered, |id| input.has(TERM, id.as_str()));
    let locations = read_locations(input, base, options);
    let professional_notes = r.optional(NOTES);
    let (Some(name), Some(status), Ok(url), Ok(email), Some(opening_hours), Some(referral), Some(eligibility)) =
        (name, status, url, email, opening_hours, referral, eligibility)
    else {
        return Err(r.problems);
    };
    r.finish(Service {
        name,
        alternate_name,
        summary,
        description,
        status,
        url,
        email,
        phones,
        opening_hours,
        languages,
        costs,
        fees_description,
        funding,
        referral,
        eligibility,
        application_process,
        wait_time,
        terms,
        locations,
        professional_notes,
        ..base.clone()
    })
}

fn read_referral(r: &mut Reader<'_>) -> Option<Referral> {
    let route = ReferralRoute::parse(r.input.get(REFERRAL)).or_else(|| {
        let message = r.locale.t("form.service.error_referral");
        r.problem(super::widgets::first_id(REFERRAL), message);
        None
    });
    let how = r.optional(REFERRAL_HOW);
    Some(Referral { route: route?, how })
}

fn read_eligibility(r: &mut Reader<'_>, base: &Service) -> Option<Eligibility> {
    let min_age = read_age(r, MIN_AGE);
    let max_age = read_age(r, MAX_AGE);
    let (min_age, max_age) = (min_age?, max_age?);
    if let (Some(min), Some(max)) = (min_age, max_age)
        && min > max
    {
        let message = r.locale.t("form.service.error_age_order");
        r.problem(MAX_AGE.name, message);
        return None;
    }
    let target_groups =
        choices::keep_order(&base.eligibility.target_groups, &TargetGroup::ALL, |g| r.input.has(GROUPS, g.code()));
    let description = r.optional(CONDITIONS);
    Some(Eligibility { min_age, max_age, target_groups, description })
}

/// An age in whole years; `Some(None)` when empty, `None` on a problem.
fn read_age(r: &mut Reader<'_>, spec: Spec) -> Option<Option<u8>> {
    let raw = r.input.get(spec.name).trim();
    if raw.is_empty() {
        return Some(None);
    }
    match raw.parse::<u8>() {
        Ok(age) if age <= AGE_MAX && raw.bytes().all(|b| b.is_ascii_digit()) => Some(Some(age)),
        _ => {
            let message = r.locale.tf("form.service.error_age", &[("field", &r.locale.t(spec.label))]);
            r.problem(spec.name, message);
            None
        }
    }
}

/// The languages: those the form offers as ticked, the others as stored.
fn read_languages(input: &FormInput, base: &Service) -> Vec<Language> {
    let offered: Vec<&str> = LANGUAGES.iter().map(|(code, _)| *code).collect();
    let mut languages: Vec<Language> = base
        .languages
        .iter()
        .filter(|l| !offered.contains(&l.code.as_str()) || input.has(LANGUAGE, &l.code))
        .cloned()
        .collect();
    for (code, name) in LANGUAGES {
        if input.has(LANGUAGE, code) && !languages.iter().any(|l| l.code == code) {
            let id = Id::derived("wegwijs-form/language", &format!("{}/{code}", base.id));
            languages.push(Language { id, code: code.to_owned(), name: name.to_owned(), note: None });
        }
    }
    languages
}

/// The locations: a link that stays keeps its id, description and hours; a new one
/// gets an id derived from the service and location.
fn read_locations(input: &FormInput, base: &Service, options: &FormOptions) -> Vec<ServiceAtLocation> {
    let offered = |id: &Id| options.locations.iter().any(|(offered, _)| offered == id);
    let mut links: Vec<ServiceAtLocation> = base
        .locations
        .iter()
        .filter(|link| !offered(&link.location_id) || input.has(LOCATION, link.location_id.as_str()))
        .cloned()
        .collect();
    for (location_id, _) in &options.locations {
        if input.has(LOCATION, location_id.as_str()) && !links.iter().any(|l| &l.location_id == location_id) {
            links.push(ServiceAtLocation {
                id: Id::derived("wegwijs-form/service_at_location", &format!("{}/{location_id}", base.id)),
                location_id: location_id.clone(),
                description: None,
                opening_hours: Default::default(),
            });
        }
    }
    links
}
