use super::*;
use std::time::Instant;

#[test]
fn the_embedded_files_parse_completely() {
    let geo = Geo::parse(PC4_CSV, GEMEENTEN_CSV, WIJKEN_CSV, PLACES_CSV).unwrap();
    assert_eq!(geo.pc4s.len(), 4086);
    assert_eq!(geo.municipalities().len(), 342);
    assert_eq!(geo.wijken.len(), 3474);
    assert_eq!(geo.places.len(), 6751);
}

#[test]
fn parsing_the_embedded_files_takes_milliseconds() {
    let start = Instant::now();
    let geo = Geo::parse(PC4_CSV, GEMEENTEN_CSV, WIJKEN_CSV, PLACES_CSV).unwrap();
    let elapsed = start.elapsed();
    println!("parsed {} pc4, {} places in {elapsed:?}", geo.pc4s.len(), geo.places.len());
    // Generous bound: debug builds of the domain crate are unoptimised.
    assert!(elapsed.as_millis() < 1000, "{elapsed:?}");
}

#[test]
fn postcode_2171_is_sassenheim_in_teylingen() {
    let area = builtin().pc4("2171").unwrap();
    assert_eq!(area.place, "Sassenheim");
    assert_eq!(area.municipality_code, "GM1525");
    assert_eq!(area.municipality, "Teylingen");
    assert_eq!(area.places[0], "Sassenheim");
}

#[test]
fn a_full_postcode_finds_its_area() {
    let geo = builtin();
    assert_eq!(geo.postcode(&PostalCode::parse("2215 AB").unwrap()).unwrap().place, "Voorhout");
    assert_eq!(geo.postcode(&PostalCode::parse("2362AA").unwrap()).unwrap().place, "Warmond");
}

#[test]
fn an_unknown_postcode_area_gives_none() {
    let geo = builtin();
    assert!(geo.pc4("0000").is_none());
    assert!(geo.pc4("2173").is_none());
    assert!(geo.pc4("").is_none());
    assert!(geo.pc4("21").is_none());
    assert!(geo.postcode(&PostalCode::parse("2170 AA").unwrap()).is_none());
}

#[test]
fn teylingen_has_eleven_wijken_in_its_three_villages() {
    let geo = builtin();
    let wijken = geo.wijken_in("GM1525");
    // CBS Wijken en Buurten 2024: Voorhout 01-04, Sassenheim 11-15, Warmond 21-22.
    assert_eq!(wijken.len(), 11);
    assert_eq!(wijken[0].code, "WK152501");
    assert!(wijken.iter().any(|w| w.name == "Warmond"));
    let places: Vec<&str> = geo.places_in("GM1525").iter().map(|p| p.name.as_str()).collect();
    assert_eq!(&places[..3], ["Sassenheim", "Voorhout", "Warmond"]);
    let pc4s: Vec<&str> = geo.pc4s_in("GM1525").iter().map(|a| a.pc4.as_str()).collect();
    assert_eq!(pc4s, ["2171", "2172", "2215", "2216", "2361", "2362"]);
}

#[test]
fn municipalities_are_found_by_code_and_by_name() {
    let geo = builtin();
    let teylingen = geo.municipality("GM1525").unwrap();
    assert_eq!((teylingen.name.as_str(), teylingen.province.as_str()), ("Teylingen", "Zuid-Holland"));
    assert!(teylingen.inhabitants > 30_000);
    assert_eq!(geo.municipality("gm1525").unwrap().code, "GM1525");
    assert_eq!(geo.municipality_by_name(" teylingen ").unwrap().code, "GM1525");
    assert_eq!(geo.municipality_by_name("sudwest-fryslan").unwrap().name, "Súdwest-Fryslân");
    assert_eq!(geo.municipality_by_name("Hengelo").unwrap().name, "Hengelo (O.)");
    assert_eq!(geo.municipality_by_name("hengelo (o.)").unwrap().name, "Hengelo (O.)");
    assert!(geo.municipality("GM9999").is_none());
    assert!(geo.municipality_by_name("Atlantis").is_none());
}

#[test]
fn a_place_name_finds_the_most_populous_place_of_that_name() {
    let geo = builtin();
    let sassenheim = geo.place("sassenheim").unwrap();
    assert_eq!(sassenheim.municipality_code, "GM1525");
    let alphen = geo.place("Alphen").unwrap();
    assert!(geo.places.iter().filter(|p| p.name == "Alphen").all(|p| p.population <= alphen.population));
    assert_eq!(geo.place("Den Haag").unwrap().municipality, "'s-Gravenhage");
    assert!(geo.place("Nergenshuizen").is_none());
}

#[test]
fn the_neighbours_of_teylingen_include_the_bollenstreek_and_leiden_region() {
    let geo = builtin();
    let near: Vec<&str> = geo.neighbours("GM1525", 12.0).iter().map(|m| m.name.as_str()).collect();
    for name in ["Lisse", "Hillegom", "Noordwijk", "Katwijk", "Kaag en Braassem", "Oegstgeest", "Leiden"] {
        assert!(near.contains(&name), "{name} missing from {near:?}");
    }
    assert_eq!(near[0], "Oegstgeest");
    assert!(!near.contains(&"Teylingen"));
    assert!(!near.contains(&"Amsterdam"));
    assert!(geo.neighbours("GM9999", 50.0).is_empty());
}

#[test]
fn a_bad_row_is_reported_with_file_and_line() {
    let pc4 = "pc4,place,places,municipality_code,municipality,province_code,province,lat,lon\n\
               2171,Sassenheim,Sassenheim,GM1525,Teylingen,PV28,Zuid-Holland,52.2,4.5\n\
               2172,Sassenheim,Sassenheim,GM1525,Teylingen,PV28,Zuid-Holland,952.2,4.5\n";
    let err = Geo::parse(pc4, GEMEENTEN_CSV, WIJKEN_CSV, PLACES_CSV).unwrap_err();
    assert_eq!((err.file, err.line), ("pc4.csv", 3));
    let err = Geo::parse(PC4_CSV, "code,name\nGM1,X\n", WIJKEN_CSV, PLACES_CSV).unwrap_err();
    assert_eq!((err.file, err.line), ("gemeenten.csv", 2));
}
