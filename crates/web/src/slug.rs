//! Readable URL parts from names: "Schuldhulp Teylingen" → `schuldhulp-teylingen`.

/// Longest slug, in bytes: long names are cut at a word boundary.
const MAX_SLUG: usize = 60;

/// The slug of a name; never empty, so URLs always have their last part.
pub fn slug_of(name: &str) -> String {
    let full = slug::slugify(name);
    let cut = if full.len() <= MAX_SLUG {
        full.as_str()
    } else {
        let end = full[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        &full[..end]
    };
    if cut.is_empty() { "dienst".to_owned() } else { cut.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_short() {
        assert_eq!(slug_of("Schuldhulp Teylingen"), "schuldhulp-teylingen");
        assert_eq!(slug_of("Café 't Ontmoetingspunt – Warmond"), "cafe-t-ontmoetingspunt-warmond");
        assert_eq!(slug_of("??"), "dienst");
        let long = slug_of(&"woord ".repeat(30));
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
    }
}
