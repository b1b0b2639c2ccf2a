use super::*;

fn id(raw: &str) -> Id {
    Id::parse(raw).unwrap()
}

fn parse(csv: &str) -> Result<Vec<TaxonomyTerm>, TaxonomyFileError> {
    parse_terms(&id("test"), csv)
}

const HEADER: &str = "code,name,lay_name,description,synonyms,parent_code\n";

#[test]
fn the_builtin_files_parse() {
    let set = TaxonomySet::load(TAXONOMIES_CSV, BUILTIN_TERM_FILES).unwrap();
    assert_eq!(set.taxonomies.len(), 3);
    assert_eq!(&set, builtin());
    for taxonomy in [THEME, POSITIVE_HEALTH, CARE_PRODUCT] {
        assert!(set.taxonomy(taxonomy).is_some(), "{taxonomy}");
        assert!(set.terms_of(taxonomy).count() > 0, "{taxonomy}");
    }
}

#[test]
fn positive_health_has_exactly_the_six_dimensions() {
    let expected = [
        ("lichaamsfuncties", "Lichaamsfuncties"),
        ("mentaal-welbevinden", "Mentaal welbevinden"),
        ("zingeving", "Zingeving"),
        ("kwaliteit-van-leven", "Kwaliteit van leven"),
        ("meedoen", "Meedoen"),
        ("dagelijks-functioneren", "Dagelijks functioneren"),
    ];
    let set = builtin();
    assert_eq!(set.terms_of(POSITIVE_HEALTH).count(), 6);
    for (code, name) in expected {
        let term = set.term_by_code(POSITIVE_HEALTH, code).unwrap();
        assert_eq!(term.name.as_str(), name);
        assert_eq!(term.id.as_str(), format!("positieve-gezondheid-{code}"));
    }
    assert!(set.term(&id("positieve-gezondheid-zingeving")).is_some());
}

#[test]
fn every_listed_theme_exists() {
    let themes = [
        "geld-en-schulden",
        "mantelzorg",
        "ouderen",
        "jeugd-en-gezin",
        "wonen",
        "werk-en-vrijwilligerswerk",
        "gezondheid",
        "psychische-gezondheid",
        "vervoer",
        "ontmoeting",
        "veiligheid",
        "sport-en-cultuur",
        "onderwijs-en-taal",
        "huiselijk-geweld",
        "handicap-en-beperking",
        "dagbesteding",
    ];
    let set = builtin();
    for code in themes {
        assert!(set.term_by_code(THEME, code).is_some(), "{code}");
    }
    assert_eq!(set.terms_of(THEME).count(), themes.len());
    assert!(set.term(&id("thema-geld-en-schulden")).is_some());
}

#[test]
fn every_term_has_a_lay_name_a_description_and_at_least_three_synonyms() {
    for term in &builtin().terms {
        assert!(!term.lay_name.is_empty(), "{}", term.id);
        assert!(!term.description.is_empty(), "{}", term.id);
        assert!(term.synonyms.len() >= 3, "{} has {} synonyms", term.id, term.synonyms.len());
    }
}

#[test]
fn care_products_hang_under_wmo_or_jeugdwet() {
    let set = builtin();
    let wmo_02 = set.term(&id("iwmo-ijw-wmo-02")).unwrap();
    assert_eq!(wmo_02.name.as_str(), "Begeleiding");
    assert_eq!(wmo_02.parent_id, Some(id("iwmo-ijw-wmo")));
    assert_eq!(set.term_by_code(CARE_PRODUCT, "jw-45").unwrap().name.as_str(), "Jeugdhulp ambulant");
    assert_eq!(set.children(&id("iwmo-ijw-wmo")).count(), 18);
    assert_eq!(set.children(&id("iwmo-ijw-jw")).count(), 16);
}

#[test]
fn lookups_of_unknown_terms_give_none() {
    let set = builtin();
    assert!(set.term(&id("thema-bestaat-niet")).is_none());
    assert!(set.term_by_code(THEME, "wmo-02").is_none());
    assert_eq!(set.terms_of("bestaat-niet").count(), 0);
}

#[test]
fn synonyms_are_split_trimmed_and_deduplicated() {
    let terms = parse(&format!("{HEADER}a,A,Aa,,een | twee||Een|drie ,\n")).unwrap();
    assert_eq!(terms[0].synonyms, ["een", "twee", "drie"]);
    assert_eq!(terms[0].id.as_str(), "test-a");
}

#[test]
fn a_parent_may_come_after_its_child() {
    let terms = parse(&format!("{HEADER}kind,Kind,Kind,,,ouder\nouder,Ouder,Ouder,,,\n")).unwrap();
    assert_eq!(terms[0].parent_id, Some(id("test-ouder")));
}

#[test]
fn an_empty_name_is_reported_with_its_line() {
    let err = parse(&format!("{HEADER}a,A,Aa,,,\nb, ,Bb,,,\n")).unwrap_err();
    assert_eq!(err, TaxonomyFileError::EmptyField { line: 3, field: "name" });
}

#[test]
fn an_empty_lay_name_is_reported() {
    let err = parse(&format!("{HEADER}a,A,,,,\n")).unwrap_err();
    assert_eq!(err, TaxonomyFileError::EmptyField { line: 2, field: "lay_name" });
}

#[test]
fn a_duplicate_code_names_both_lines() {
    let err = parse(&format!("{HEADER}a,A,Aa,,,\nb,B,Bb,,,\na,A2,Aa,,,\n")).unwrap_err();
    assert_eq!(err, TaxonomyFileError::DuplicateCode { line: 4, code: "a".into(), first_line: 2 });
}

#[test]
fn an_unknown_parent_is_reported() {
    let err = parse(&format!("{HEADER}a,A,Aa,,,zz\n")).unwrap_err();
    assert_eq!(err, TaxonomyFileError::UnknownParent { line: 2, parent_code: "zz".into() });
}

#[test]
fn a_parent_loop_is_reported() {
    let err = parse(&format!("{HEADER}a,A,Aa,,,b\nb,B,Bb,,,a\n")).unwrap_err();
    assert_eq!(err, TaxonomyFileError::ParentCycle { line: 2, code: "a".into() });
}

#[test]
fn codes_that_are_not_lowercase_slugs_are_refused() {
    for bad in ["Geld", "geld en schulden", "-a", "a--b", "a-", "wmo_02", "€"] {
        let err = parse(&format!("{HEADER}\"{bad}\",A,Aa,,,\n")).unwrap_err();
        assert_eq!(err, TaxonomyFileError::BadCode { line: 2, code: bad.into() }, "{bad}");
    }
}

#[test]
fn a_missing_column_is_reported() {
    let err = parse("code,name\na,A\n").unwrap_err();
    assert_eq!(err, TaxonomyFileError::MissingColumn("lay_name"));
}

#[test]
fn broken_csv_is_reported_with_its_line() {
    let err = parse(&format!("{HEADER}a,A,Aa,,,\nb,B\n")).unwrap_err();
    assert!(matches!(err, TaxonomyFileError::Csv { line: 3, .. }), "{err:?}");
}

#[test]
fn a_term_file_for_an_unlisted_taxonomy_is_refused() {
    let err = TaxonomySet::load(TAXONOMIES_CSV, &[("onbekend", HEADER)]).unwrap_err();
    assert_eq!(err, TaxonomyFileError::UnknownTaxonomy("onbekend".into()));
}

#[test]
fn a_duplicate_taxonomy_id_is_refused() {
    let csv = "id,name,description,uri,version\nthema,Thema's,,,\nthema,Nog eens,,,\n";
    let err = parse_taxonomies(csv).unwrap_err();
    assert_eq!(err, TaxonomyFileError::DuplicateCode { line: 3, code: "thema".into(), first_line: 2 });
}
