//! Dutch display names of facet values. The web layer may translate them by value.

use crate::document::TermCatalog;
use crate::schema::Facet;
use wegwijs_domain::geo::Geo;
use wegwijs_domain::taxonomy::{POSITIVE_HEALTH, THEME};

/// The display name of a facet value; the value itself when nothing better is known.
pub fn label(facet: Facet, value: &str, terms: &TermCatalog, geo: &Geo) -> String {
    let known = match facet {
        Facet::Theme => terms.by_code(THEME, value).map(|t| t.name.as_str().to_owned()),
        Facet::Health => terms.by_code(POSITIVE_HEALTH, value).map(|t| t.name.as_str().to_owned()),
        Facet::Municipality => geo.municipality(value).map(|m| m.name.clone()),
        Facet::Wijk => geo.wijk(value).map(|w| w.name.clone()),
        Facet::Place => None,
        Facet::Age => fixed(
            value,
            &[
                ("kinderen", "Kinderen (0–11 jaar)"),
                ("jongeren", "Jongeren (12–17 jaar)"),
                ("volwassenen", "Volwassenen (18–66 jaar)"),
                ("ouderen", "Ouderen (67 jaar en ouder)"),
            ],
        ),
        Facet::Funding => fixed(
            value,
            &[
                ("wmo", "Wmo (gemeente)"),
                ("jeugdwet", "Jeugdwet (gemeente)"),
                ("zvw", "Zorgverzekering"),
                ("wlz", "Wet langdurige zorg"),
                ("participatiewet", "Participatiewet (gemeente)"),
                ("gratis", "Gratis"),
                ("eigen_betaling", "Zelf betalen"),
            ],
        ),
        Facet::Cost => fixed(value, &[("gratis", "Gratis"), ("betaald", "Kost geld")]),
        Facet::Referral => fixed(
            value,
            &[
                ("none", "Zonder verwijzing"),
                ("huisarts", "Verwijzing van de huisarts"),
                ("wijkteam", "Via het wijkteam"),
                ("gemeente", "Via de gemeente"),
            ],
        ),
        Facet::Language => fixed(
            value,
            &[
                ("nl", "Nederlands"),
                ("en", "Engels"),
                ("de", "Duits"),
                ("fr", "Frans"),
                ("tr", "Turks"),
                ("ar", "Arabisch"),
                ("pl", "Pools"),
                ("uk", "Oekraïens"),
                ("ru", "Russisch"),
                ("ti", "Tigrinya"),
                ("so", "Somalisch"),
                ("fa", "Perzisch"),
                ("es", "Spaans"),
                ("pt", "Portugees"),
                ("ro", "Roemeens"),
                ("bg", "Bulgaars"),
                ("zgh", "Berbers"),
                ("ngt", "Nederlandse Gebarentaal"),
            ],
        ),
    };
    known.unwrap_or_else(|| value.to_owned())
}

fn fixed(value: &str, table: &[(&str, &str)]) -> Option<String> {
    table.iter().find(|(code, _)| *code == value).map(|(_, name)| (*name).to_owned())
}
