use super::*;

fn analyzer() -> Analyzer {
    Analyzer::builtin()
}

#[test]
fn words_fold_case_and_accents_in_both_unicode_forms() {
    let folded: Vec<String> = words("Één CAFÉ, geïnteresseerd; cafe\u{301}").into_iter().map(|w| w.folded).collect();
    assert_eq!(folded, ["een", "cafe", "geinteresseerd", "cafe"]);
}

#[test]
fn words_keep_offsets_into_the_original_text_and_capitals() {
    let text = "Maaltijden in Warmond";
    let found = words(text);
    assert_eq!(&text[found[2].start..found[2].end], "Warmond");
    assert!(found[2].capitalised && !found[1].capitalised);
}

#[test]
fn emoji_rtl_text_and_overlong_words_do_not_break_words() {
    let long = "a".repeat(10_000);
    let folded: Vec<String> = words(&format!("🙂 hulp مرحبا {long}")).into_iter().map(|w| w.folded).collect();
    assert_eq!(folded, ["hulp", "مرحبا"]);
}

#[test]
fn the_dutch_stemmer_keeps_words_starting_with_ge() {
    let a = analyzer();
    assert_eq!(a.stem("geldproblemen"), a.stem("geldprobleem"));
    assert_eq!(a.stem("gemeente"), "gemeent");
    assert_eq!(a.stem("gezondheid"), "gezond");
}

#[test]
fn stems_drop_stop_words() {
    let a = analyzer();
    assert_eq!(a.stems("ik kan mijn huur niet betalen"), [a.stem("huur"), a.stem("betalen")]);
}
