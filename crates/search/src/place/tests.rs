use super::*;
use wegwijs_domain::geo;

fn find(query: &str) -> Option<FoundInQuery> {
    let w = words(query);
    find_in_query(geo::builtin(), &Analyzer::builtin(), &w, query)
}

#[test]
fn a_village_name_in_the_query_is_a_location_not_a_word() {
    let found = find("maaltijden aan huis Warmond").expect("Warmond");
    assert_eq!(found.whereabouts.label, "Warmond");
    assert_eq!(found.word_indexes, [3]);
    assert!(found.whereabouts.area_keys.contains(&"gm:GM1525".to_owned()));
    let found = find("zwemles in sassenheim").expect("sassenheim");
    assert_eq!(found.word_indexes, [1, 2], "the preposition goes with the place");
}

#[test]
fn a_postcode_with_or_without_letters_is_a_location() {
    let found = find("huiswerkbegeleiding 2215").expect("2215");
    assert!(found.whereabouts.label.starts_with("2215"), "{}", found.whereabouts.label);
    assert_eq!(find("taalcafe 2171 AB").expect("2171 AB").word_indexes, [1, 2]);
    assert_eq!(find("taalcafe 2171ab").expect("2171ab").word_indexes, [1]);
    assert!(find("bel 0900 0123").is_none(), "no such postcode areas");
    assert!(find("huurtoeslag 2025").is_none(), "a year, not Haarlem");
    assert!(find("huurtoeslag postcode 2025").is_some() && find("huurtoeslag 2025 AB").is_some());
}

#[test]
fn ordinary_words_that_are_also_small_places_stay_words() {
    assert!(find("ik ben echt eenzaam").is_none());
    assert!(find("de beste hulp").is_none());
    assert!(find("hulp bij schulden").is_none());
}

#[test]
fn a_well_known_city_is_found_even_as_first_word() {
    assert_eq!(find("leiden schuldhulp").expect("Leiden").whereabouts.municipality_code.as_deref(), Some("GM0546"));
}

#[test]
fn postcode_parameters_are_checked() {
    let geo = geo::builtin();
    assert!(from_postcode(geo, "2171 AB").is_some());
    assert!(from_postcode(geo, "21").is_none());
    assert!(from_postcode(geo, "2171 A1").is_none());
    assert!(from_postcode(geo, "0000").is_none());
}
