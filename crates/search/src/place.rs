//! Where the searcher is: from a postcode, a place name or coordinates, given as
//! parameters or typed in the query itself ("maaltijden aan huis Warmond",
//! "huiswerkbegeleiding 2215").

use crate::analysis::{Analyzer, Word, is_stop_word, words};
use serde::Serialize;
use wegwijs_domain::GeoPoint;
use wegwijs_domain::geo::Geo;

/// A resolved location of the searcher.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Whereabouts {
    /// What to call it: "2171 Sassenheim", "Warmond", "Teylingen".
    pub label: String,
    /// The point distances are measured from.
    pub point: GeoPoint,
    /// Municipality (CBS code).
    pub municipality_code: Option<String>,
    /// Area keys that cover this location, in the form the index stores them.
    #[serde(skip)]
    pub area_keys: Vec<String>,
}

/// The key of a place name in area keys: folded words separated by one space.
pub fn place_key(name: &str) -> String {
    words(name).into_iter().map(|w| w.folded).collect::<Vec<_>>().join(" ")
}

/// Places at least this large are recognised in a query even when their name is also
/// an ordinary word ("Leiden", "Hoorn"); smaller ones ("Echt", "Best") only when written
/// with a capital or after "in", "bij", ….
const WELL_KNOWN_PLACE: u32 = 50_000;

/// Words after which a place name is meant as a place.
const PLACE_PREPOSITIONS: &[&str] =
    &["in", "bij", "te", "rond", "rondom", "omgeving", "buurt", "nabij", "regio", "near", "around"];

/// Resolves a postcode ("2171", "2171 AB", "2171ab").
pub fn from_postcode(geo: &Geo, raw: &str) -> Option<Whereabouts> {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact.get(..4)?;
    let letters = &compact[4..];
    let valid_letters = letters.is_empty() || (letters.len() == 2 && letters.chars().all(|c| c.is_ascii_alphabetic()));
    if !digits.chars().all(|c| c.is_ascii_digit()) || !valid_letters {
        return None;
    }
    let area = geo.pc4(digits)?;
    let mut keys = vec!["nl".to_owned(), format!("gm:{}", area.municipality_code), format!("pc:{}", area.pc4)];
    keys.extend(area.places.iter().map(|p| format!("pl:{}", place_key(p))));
    if let Some(wijk) = geo.nearest_wijk(&area.municipality_code, area.point) {
        keys.push(format!("wk:{}", wijk.code));
    }
    Some(Whereabouts {
        label: format!("{} {}", area.pc4, area.place),
        point: area.point,
        municipality_code: Some(area.municipality_code.clone()),
        area_keys: keys,
    })
}

/// Resolves the name of a place or municipality ("Warmond", "Den Haag", "Teylingen").
pub fn from_name(geo: &Geo, name: &str) -> Option<Whereabouts> {
    if let Some(place) = geo.place(name) {
        let key = place_key(&place.name);
        let mut keys = vec!["nl".to_owned(), format!("gm:{}", place.municipality_code), format!("pl:{key}")];
        keys.extend(
            geo.pc4s_in(&place.municipality_code)
                .into_iter()
                .filter(|a| a.places.iter().any(|p| place_key(p) == key))
                .map(|a| format!("pc:{}", a.pc4)),
        );
        return Some(Whereabouts {
            label: place.name.clone(),
            point: place.point,
            municipality_code: Some(place.municipality_code.clone()),
            area_keys: keys,
        });
    }
    let municipality = geo.municipality_by_name(name)?;
    Some(Whereabouts {
        label: municipality.name.clone(),
        point: municipality.point,
        municipality_code: Some(municipality.code.clone()),
        area_keys: vec!["nl".to_owned(), format!("gm:{}", municipality.code)],
    })
}

/// Resolves coordinates: the postcode area with the nearest centre gives the areas.
pub fn from_point(geo: &Geo, point: GeoPoint) -> Whereabouts {
    match geo.nearest_pc4(point).and_then(|area| from_postcode(geo, &area.pc4)) {
        Some(found) => Whereabouts { point, label: found.label, ..found },
        None => Whereabouts {
            label: format!("{:.4}, {:.4}", point.lat, point.lon),
            point,
            municipality_code: None,
            area_keys: vec!["nl".to_owned()],
        },
    }
}

/// A location found in the query text, and the words that named it.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundInQuery {
    /// The location.
    pub whereabouts: Whereabouts,
    /// Indexes (into the query's words) of the words that named it, and of a
    /// preposition right before it.
    pub word_indexes: Vec<usize>,
}

/// Finds a postcode or place name in the query's words. The first one found wins.
pub fn find_in_query(geo: &Geo, analyzer: &Analyzer, query_words: &[Word], text: &str) -> Option<FoundInQuery> {
    for (i, word) in query_words.iter().enumerate() {
        if let Some(found) = postcode_at(geo, query_words, i) {
            return Some(with_preposition(found, query_words, i));
        }
        for n in (1..=4).rev() {
            let Some(span) = query_words.get(i..i + n) else { continue };
            if n == 1
                && (word.folded.len() < 3
                    || is_stop_word(&word.folded)
                    || word.folded.chars().any(|c| c.is_ascii_digit()))
            {
                continue;
            }
            let name = &text[span[0].start..span[n - 1].end];
            let Some(whereabouts) = from_name(geo, name) else { continue };
            let after_preposition = i > 0 && PLACE_PREPOSITIONS.contains(&query_words[i - 1].folded.as_str());
            let population = place_population(geo, name);
            let unambiguous = n > 1
                || !analyzer.is_dictionary_word(&word.folded)
                || population >= WELL_KNOWN_PLACE
                || (((word.capitalised && i > 0) || after_preposition) && population >= 1_000);
            if unambiguous {
                let found = FoundInQuery { whereabouts, word_indexes: (i..i + n).collect() };
                return Some(with_preposition(found, query_words, i));
            }
        }
    }
    None
}

fn postcode_at(geo: &Geo, query_words: &[Word], i: usize) -> Option<FoundInQuery> {
    let word = &query_words[i].folded;
    if word.len() == 6 {
        return from_postcode(geo, word).map(|w| FoundInQuery { whereabouts: w, word_indexes: vec![i] });
    }
    if word.len() != 4 {
        return None;
    }
    let letters =
        query_words.get(i + 1).filter(|w| w.folded.len() == 2 && w.folded.chars().all(|c| c.is_ascii_alphabetic()));
    // "huurtoeslag 2025" means a year, not Haarlem: a bare number that reads as a
    // recent year is a postcode only with its letters or after "in", "postcode", ….
    let looks_like_year = word.parse::<u16>().is_ok_and(|n| (1900..=2100).contains(&n));
    let introduced = i > 0 && {
        let before = query_words[i - 1].folded.as_str();
        before == "postcode" || PLACE_PREPOSITIONS.contains(&before)
    };
    if looks_like_year && letters.is_none() && !introduced {
        return None;
    }
    let whereabouts = from_postcode(geo, word)?;
    let word_indexes = if letters.is_some() { vec![i, i + 1] } else { vec![i] };
    Some(FoundInQuery { whereabouts, word_indexes })
}

fn with_preposition(mut found: FoundInQuery, query_words: &[Word], first: usize) -> FoundInQuery {
    if first > 0 && PLACE_PREPOSITIONS.contains(&query_words[first - 1].folded.as_str()) {
        found.word_indexes.insert(0, first - 1);
    }
    found
}

fn place_population(geo: &Geo, name: &str) -> u32 {
    let place = geo.place(name).map_or(0, |p| p.population);
    let municipality = geo.municipality_by_name(name).map_or(0, |m| m.inhabitants);
    place.max(municipality)
}

#[cfg(test)]
mod tests;
