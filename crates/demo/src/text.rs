//! Filling name patterns and varying sentences, so that thousands of instances of one
//! template do not all read identically.

use crate::names::{FLOWERS, MARKS, SAINTS, SURNAMES, TREES};
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// The values a pattern can refer to.
pub struct Context<'a> {
    /// `{p}`: the village or town.
    pub place: &'a str,
    /// `{m}`: the municipality.
    pub municipality: &'a str,
    /// `{street}`: a street in the place.
    pub street: &'a str,
    /// `{o}`: the organisation's name.
    pub organisation: &'a str,
}

/// Replaces the `{…}` placeholders of `pattern`; list placeholders draw a random entry.
pub fn render(pattern: &str, ctx: &Context<'_>, rng: &mut ChaCha8Rng) -> String {
    let mut out = String::with_capacity(pattern.len() + 24);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        let pick = |list: &[&'static str], rng: &mut ChaCha8Rng| *list.choose(rng).expect("non-empty list");
        match key {
            "p" => out.push_str(ctx.place),
            "m" => out.push_str(ctx.municipality),
            "street" => out.push_str(ctx.street),
            "o" => out.push_str(ctx.organisation),
            "tree" => out.push_str(pick(TREES, rng)),
            "flower" => out.push_str(pick(FLOWERS, rng)),
            "mark" => out.push_str(pick(MARKS, rng)),
            "surname" => out.push_str(pick(SURNAMES, rng)),
            "saint" => out.push_str(pick(SAINTS, rng)),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Openings for a description, in the organisation's voice.
pub const INTROS: &[&str] = &[
    "{o} biedt deze ondersteuning aan inwoners van {m}.",
    "In {p} werken wij nauw samen met het sociaal team, de huisartsen en andere organisaties in de wijk.",
    "Voor inwoners van {p} en de omliggende kernen.",
    "Wij zijn er voor iedereen in {m}, jong en oud.",
    "Al jaren een vertrouwd adres in {p}.",
];

/// Closing sentences.
pub const OUTROS: &[&str] = &[
    "Twijfelt u of dit iets voor u is? Bel ons gerust, dan denken we met u mee.",
    "U kunt ook iemand meenemen naar het eerste gesprek.",
    "Wij werken met vrijwilligers en beroepskrachten die de buurt goed kennen.",
    "Kijk op onze website voor actuele informatie.",
    "Liever in een andere taal? Vraag ernaar, vaak kunnen we een tolk regelen.",
];

/// Short local sentences added to a summary.
pub const LOCAL_SUMMARY: &[&str] = &[
    "Voor alle inwoners van {m}.",
    "U vindt ons in {p}.",
    "Ook voor inwoners van de omliggende dorpen.",
    "Dicht bij huis, in {p}.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let ctx = Context {
            place: "Warmond",
            municipality: "Teylingen",
            street: "Dorpsstraat",
            organisation: "Repair Café Warmond",
        };
        assert_eq!(render("Repair Café {p}", &ctx, &mut rng), "Repair Café Warmond");
        assert_eq!(render("{m}: {x}", &ctx, &mut rng), "Teylingen: {x}");
        assert!(render("Huisartsenpraktijk {tree}", &ctx, &mut rng).starts_with("Huisartsenpraktijk De "));
    }
}
