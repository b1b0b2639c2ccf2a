//! The Dutch words spreadsheets use for Wegwijs's fixed values: status, referral,
//! target groups, who pays, who verified, and age ranges. Each reader takes the
//! stable code too, and says which words it knows when it does not understand one.

use super::text::fold;
use wegwijs_domain::{FundingScheme, ReferralRoute, ServiceStatus, TargetGroup, VerifiedBy};

pub(crate) fn status(raw: &str) -> Result<ServiceStatus, String> {
    let folded = fold(raw);
    if let Some(status) = ServiceStatus::from_hsds(&folded) {
        return Ok(status);
    }
    match folded.as_str() {
        "actief" | "ja" | "open" | "lopend" => Ok(ServiceStatus::Active),
        "inactief" | "niet actief" | "nee" | "gepauzeerd" => Ok(ServiceStatus::Inactive),
        "gestopt" | "opgeheven" | "beeindigd" | "vervallen" | "stopt" => Ok(ServiceStatus::Defunct),
        "tijdelijk gesloten" | "tijdelijk gestopt" | "tijdelijk dicht" => Ok(ServiceStatus::TemporarilyClosed),
        _ => Err(format!("{:?} is not a status; write actief, inactief, gestopt or tijdelijk gesloten", raw.trim())),
    }
}

/// The referral route. "Ja" alone says a referral is needed but not from whom,
/// which Wegwijs cannot show residents, so it is refused with that explanation.
pub(crate) fn referral(raw: &str) -> Result<ReferralRoute, String> {
    let folded = fold(raw);
    if let Some(route) = ReferralRoute::parse(&folded) {
        return Ok(route);
    }
    let has = |words: &[&str]| words.iter().any(|word| folded.contains(word));
    if has(&["huisarts", "dokter", "specialist"]) {
        Ok(ReferralRoute::Huisarts)
    } else if has(&["wijkteam", "buurtteam", "sociaal team", "cjg", "jeugdteam"]) {
        Ok(ReferralRoute::Wijkteam)
    } else if has(&["gemeente", "wmo", "beschikking", "indicatie"]) {
        Ok(ReferralRoute::Gemeente)
    } else if has(&["niet nodig", "zonder verwijzing", "vrij toegankelijk", "geen verwijzing", "vrije inloop"]) {
        Ok(ReferralRoute::None)
    } else if matches!(folded.as_str(), "ja" | "yes" | "nodig" | "verplicht") {
        Err(format!(
            "{:?} says a referral is needed but not from whom; write huisarts, wijkteam or gemeente",
            raw.trim()
        ))
    } else {
        Err(format!("{:?} is not a referral route; write nee, huisarts, wijkteam or gemeente", raw.trim()))
    }
}

pub(crate) fn target_group(raw: &str) -> Result<TargetGroup, String> {
    let folded = fold(raw);
    let code = folded.replace([' ', '-'], "_");
    if let Some(group) = TargetGroup::parse(&code) {
        return Ok(group);
    }
    let group = match folded.as_str() {
        "kind" | "kinderen tot 12" | "kids" => TargetGroup::Kinderen,
        "jongere" | "jeugd" | "jongvolwassenen" | "tieners" => TargetGroup::Jongeren,
        "ouder" | "opvoeders" | "gezinnen" => TargetGroup::Ouders,
        "volwassene" | "inwoners" => TargetGroup::Volwassenen,
        "senioren" | "oudere" | "65+" | "65 plus" | "ouderen 65+" => TargetGroup::Ouderen,
        "mantelzorger" => TargetGroup::Mantelzorgers,
        "mensen met een beperking" | "beperking" | "gehandicapten" | "mensen met een handicap" => {
            TargetGroup::MensenMetBeperking
        }
        "ggz" | "psychische problemen" | "mensen met psychische problemen" | "psychisch kwetsbaren" => {
            TargetGroup::PsychischeKwetsbaarheid
        }
        "statushouders" | "nieuwkomer" | "vluchtelingen" | "inburgeraars" => TargetGroup::Nieuwkomers,
        "minima" | "laag inkomen" | "mensen met een laag inkomen" => TargetGroup::LaagInkomen,
        "vrijwilliger" => TargetGroup::Vrijwilligers,
        "professional" | "hulpverleners" | "verwijzers" => TargetGroup::Professionals,
        _ => {
            let codes: Vec<&str> = TargetGroup::ALL.iter().map(|g| g.code()).collect();
            return Err(format!("{:?} is not a target group; use one of {}", raw.trim(), codes.join(", ")));
        }
    };
    Ok(group)
}

pub(crate) fn funding(raw: &str) -> Result<FundingScheme, String> {
    if let Some(scheme) = FundingScheme::parse(raw) {
        return Ok(scheme);
    }
    let compact: String = fold(raw).chars().filter(|c| c.is_alphanumeric()).collect();
    match compact.as_str() {
        "wetmaatschappelijkeondersteuning" | "wmo2015" => Ok(FundingScheme::Wmo),
        "jeugdhulp" | "jeugdzorg" => Ok(FundingScheme::Jeugdwet),
        "zorgverzekeraar" | "basisverzekering" | "verzekerd" => Ok(FundingScheme::Zvw),
        "langdurigezorg" => Ok(FundingScheme::Wlz),
        "zelfbetalen" | "zelfbetaler" | "particulier" | "eigenkosten" => Ok(FundingScheme::EigenBetaling),
        _ => {
            let codes: Vec<&str> = FundingScheme::ALL.iter().map(|s| s.code()).collect();
            Err(format!("{:?} is not a funding scheme; use one of {}", raw.trim(), codes.join(", ")))
        }
    }
}

pub(crate) fn verified_by(raw: &str) -> Result<VerifiedBy, String> {
    let folded = fold(raw);
    if let Some(by) = VerifiedBy::parse(&folded) {
        return Ok(by);
    }
    match folded.as_str() {
        "aanbieder" | "organisatie" | "zelf" => Ok(VerifiedBy::Provider),
        "redactie" | "redacteur" | "beheerder" | "gemeente" => Ok(VerifiedBy::Editor),
        _ => Err(format!("{:?} is not one of provider (aanbieder), editor (redactie) or import", raw.trim())),
    }
}

/// One age in whole years: "18", "18 jaar", "18+" (the plus is for [`age_range`]).
pub(crate) fn age(raw: &str) -> Result<u8, String> {
    let folded = fold(raw);
    let number = folded.trim_end_matches('+').trim_end_matches("jaar").trim();
    number
        .parse::<u8>()
        .ok()
        .filter(|age| *age <= 130)
        .ok_or_else(|| format!("{:?} is not an age in whole years", raw.trim()))
}

/// An age range in one cell: "12-23", "12 t/m 23", "0 tot 4" (up to, not including,
/// 4), "18+", "vanaf 18", "65 jaar en ouder", "tot 18", "t/m 17", "alle leeftijden".
pub(crate) fn age_range(raw: &str) -> Result<(Option<u8>, Option<u8>), String> {
    let folded = fold(raw).replace(['–', '—'], "-").replace("tot en met", "t/m");
    let bad = || format!("{:?} is not an age range; write it as 12-23, 18+ or tot 18", raw.trim());
    let text = folded.trim_end_matches("jaar").trim();
    if matches!(text, "" | "alle leeftijden" | "iedereen" | "alle") {
        return Ok((None, None));
    }
    for suffix in ["+", " jaar en ouder", " en ouder", " plus"] {
        if let Some(from) = text.strip_suffix(suffix) {
            return Ok((Some(age(from).map_err(|_| bad())?), None));
        }
    }
    if let Some(from) = text.strip_prefix("vanaf ") {
        return Ok((Some(age(from).map_err(|_| bad())?), None));
    }
    if let Some(to) = text.strip_prefix("t/m ") {
        return Ok((None, Some(age(to).map_err(|_| bad())?)));
    }
    if let Some(to) = text.strip_prefix("tot ") {
        return Ok((None, Some(age(to).map_err(|_| bad())?.checked_sub(1).ok_or_else(bad)?)));
    }
    let text = text.strip_prefix("van ").unwrap_or(text);
    for (separator, exclusive) in [("-", false), (" t/m ", false), (" tot ", true)] {
        if let Some((from, to)) = text.split_once(separator) {
            let from = age(from).map_err(|_| bad())?;
            let to = age(to).map_err(|_| bad())?;
            let to = if exclusive { to.checked_sub(1).ok_or_else(bad)? } else { to };
            if to < from {
                return Err(format!("{:?}: the highest age is below the lowest", raw.trim()));
            }
            return Ok((Some(from), Some(to)));
        }
    }
    Err(bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_status_words_are_read() {
        assert_eq!(status("Actief"), Ok(ServiceStatus::Active));
        assert_eq!(status("tijdelijk gesloten"), Ok(ServiceStatus::TemporarilyClosed));
        assert_eq!(status("Beëindigd"), Ok(ServiceStatus::Defunct));
        assert!(status("misschien").is_err());
    }

    #[test]
    fn referral_sentences_are_read_and_a_bare_yes_is_refused() {
        assert_eq!(referral("Nee"), Ok(ReferralRoute::None));
        assert_eq!(referral("Ja, via de huisarts"), Ok(ReferralRoute::Huisarts));
        assert_eq!(referral("Via het CJG"), Ok(ReferralRoute::Wijkteam));
        assert_eq!(referral("Wmo-beschikking van de gemeente"), Ok(ReferralRoute::Gemeente));
        assert!(referral("ja").unwrap_err().contains("not from whom"));
    }

    #[test]
    fn target_groups_by_code_or_dutch_name() {
        assert_eq!(target_group("Mensen met beperking"), Ok(TargetGroup::MensenMetBeperking));
        assert_eq!(target_group("senioren"), Ok(TargetGroup::Ouderen));
        assert_eq!(target_group("laag_inkomen"), Ok(TargetGroup::LaagInkomen));
        assert!(target_group("katten").unwrap_err().contains("mantelzorgers"));
    }

    #[test]
    fn funding_by_code_or_name() {
        assert_eq!(funding("Wmo"), Ok(FundingScheme::Wmo));
        assert_eq!(funding("Wet maatschappelijke ondersteuning"), Ok(FundingScheme::Wmo));
        assert_eq!(funding("eigen_betaling"), Ok(FundingScheme::EigenBetaling));
        assert!(funding("subsidie").is_err());
    }

    #[test]
    fn age_ranges_in_words() {
        assert_eq!(age_range("12-23"), Ok((Some(12), Some(23))));
        assert_eq!(age_range("12 t/m 23 jaar"), Ok((Some(12), Some(23))));
        assert_eq!(age_range("0 tot 4 jaar"), Ok((Some(0), Some(3))));
        assert_eq!(age_range("18+"), Ok((Some(18), None)));
        assert_eq!(age_range("65 jaar en ouder"), Ok((Some(65), None)));
        assert_eq!(age_range("tot 18"), Ok((None, Some(17))));
        assert_eq!(age_range("alle leeftijden"), Ok((None, None)));
        assert!(age_range("23-12").is_err());
        assert!(age_range("jong").is_err());
    }
}
