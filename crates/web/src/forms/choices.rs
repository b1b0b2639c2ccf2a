//! The fixed lists the forms offer (who pays, target groups, referral routes,
//! statuses, kinds, languages), with their labels, and how ticked boxes are merged
//! with what a record already had.

use crate::i18n::Locale;
use wegwijs_domain::{FundingScheme, OrganisationKind, ReferralRoute, ServiceStatus, TargetGroup};

/// Languages besides Dutch the service form offers, by ISO 639-1 code with the Dutch
/// name the record stores: the languages most asked for in Dutch municipalities.
/// A record's other languages are not shown and stay as they are.
pub(crate) const LANGUAGES: [(&str, &str); 12] = [
    ("en", "Engels"),
    ("de", "Duits"),
    ("fr", "Frans"),
    ("es", "Spaans"),
    ("pl", "Pools"),
    ("tr", "Turks"),
    ("ar", "Arabisch"),
    ("uk", "Oekraïens"),
    ("ru", "Russisch"),
    ("ti", "Tigrinya"),
    ("so", "Somalisch"),
    ("fa", "Perzisch (Farsi)"),
];

/// What is ticked, in a stable order: what `stored` had and is still ticked (or is not
/// offered, so the form could not untick it) keeps its place; newly ticked values
/// follow in the order of `offered`. Saving a form unchanged therefore changes nothing.
pub(crate) fn keep_order<T: PartialEq + Clone>(stored: &[T], offered: &[T], ticked: impl Fn(&T) -> bool) -> Vec<T> {
    let mut kept: Vec<T> = Vec::new();
    for value in stored {
        if (!offered.contains(value) || ticked(value)) && !kept.contains(value) {
            kept.push(value.clone());
        }
    }
    for value in offered {
        if ticked(value) && !kept.contains(value) {
            kept.push(value.clone());
        }
    }
    kept
}

/// Locale key of a status.
pub(crate) fn status_key(status: ServiceStatus) -> String {
    format!("form.status.{}", status.as_hsds().replace(' ', "_"))
}

/// Locale key of an organisation kind.
pub(crate) fn kind_key(kind: OrganisationKind) -> String {
    format!("form.kind.{}", kind.code())
}

/// Who pays, as (code, label).
pub(crate) fn funding(locale: Locale) -> Vec<(String, String)> {
    FundingScheme::ALL
        .iter()
        .map(|s| (s.code().to_owned(), locale.t(&format!("form.funding.{}", s.code())).to_owned()))
        .collect()
}

/// Referral routes, as (code, label).
pub(crate) fn routes(locale: Locale, routes: &[ReferralRoute]) -> Vec<(String, String)> {
    routes.iter().map(|r| (r.code().to_owned(), locale.t(&format!("form.referral.{}", r.code())).to_owned())).collect()
}

/// Target groups, as (code, label).
pub(crate) fn groups(locale: Locale) -> Vec<(String, String)> {
    TargetGroup::ALL
        .iter()
        .map(|g| (g.code().to_owned(), locale.t(&format!("target_group.{}", g.code())).to_owned()))
        .collect()
}

/// Languages, as (code, label).
pub(crate) fn languages(locale: Locale) -> Vec<(String, String)> {
    LANGUAGES
        .iter()
        .map(|(code, _)| ((*code).to_owned(), locale.t(&format!("form.language.{code}")).to_owned()))
        .collect()
}

/// Every locale key built at run time by this module and its neighbours, for the test
/// that both languages have them.
#[cfg(test)]
pub(crate) fn runtime_keys() -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    keys.extend(FundingScheme::ALL.iter().map(|s| format!("form.funding.{}", s.code())));
    keys.extend(TargetGroup::ALL.iter().map(|g| format!("target_group.{}", g.code())));
    keys.extend(LANGUAGES.iter().map(|(code, _)| format!("form.language.{code}")));
    keys.extend(
        [ReferralRoute::None, ReferralRoute::Huisarts, ReferralRoute::Wijkteam, ReferralRoute::Gemeente]
            .iter()
            .map(|r| format!("form.referral.{}", r.code())),
    );
    keys.extend(
        [ServiceStatus::Active, ServiceStatus::Inactive, ServiceStatus::Defunct, ServiceStatus::TemporarilyClosed]
            .into_iter()
            .map(status_key),
    );
    keys.extend(OrganisationKind::ALL.into_iter().map(kind_key));
    keys.extend(["voice", "cell", "text", "video"].iter().map(|k| format!("form.phone.kind.{k}")));
    keys.extend(["ma", "di", "wo", "do", "vr", "za", "zo"].iter().map(|d| format!("form.day.{d}")));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticked_values_keep_the_stored_order_and_unoffered_ones_stay() {
        let stored = ["c", "x", "a"];
        let offered = ["a", "b", "c"];
        let ticked = |v: &&str| ["a", "b", "c"].contains(v);
        assert_eq!(keep_order(&stored, &offered, ticked), ["c", "x", "a", "b"]);
        let only_b = |v: &&str| *v == "b";
        assert_eq!(keep_order(&stored, &offered, only_b), ["x", "b"]);
    }
}
