//! Prices as people type them: `€ 2,50`, `2.50`, `€ 5,-`, `1.250`, `€ 7,50 per maaltijd`,
//! `gratis`. A price that is not one amount ("€ 2 tot € 5 per uur", "afhankelijk van
//! uw inkomen") is kept in words rather than guessed at.

use super::text::fold;

/// What a costs cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cost {
    /// Free of charge.
    Free,
    /// One amount, and what it is for ("per maaltijd") when the cell says so.
    Amount { cents: u32, label: Option<String> },
    /// A price that is not one amount, kept as written.
    Words(String),
}

/// The highest price accepted, in euros, as the HSDS import allows.
const MAX_EUROS: f64 = 40_000_000.0;

pub(crate) fn parse_cost(raw: &str) -> Result<Cost, String> {
    let text = raw.trim();
    let folded = fold(text);
    if matches!(folded.as_str(), "gratis" | "kosteloos" | "free" | "geen kosten" | "geen" | "gratis toegang") {
        return Ok(Cost::Free);
    }
    let numbers = number_spans(text);
    let [(start, end)] = numbers.as_slice() else {
        return Ok(Cost::Words(text.to_owned()));
    };
    let before = text[..*start].trim_end();
    if before.ends_with('-') || before.ends_with('−') {
        return Err(format!("{text:?} is a negative price"));
    }
    let euros = amount(&text[*start..*end]).ok_or_else(|| format!("{text:?} is not a price in euros"))?;
    if euros > MAX_EUROS {
        return Err(format!("{text:?} is more than € 40 million; is the decimal separator right?"));
    }
    let cents = (euros * 100.0).round() as u32;
    if cents == 0 {
        return Ok(Cost::Free);
    }
    let label = label(&format!("{} {}", &text[..*start], &text[*end..]));
    Ok(Cost::Amount { cents, label })
}

/// Byte ranges of the numbers in `text`: digits with `.` or `,` between them, and a
/// trailing `,-` or `,–` ("€ 5,-").
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len()
            && (bytes[at].is_ascii_digit()
                || (matches!(bytes[at], b'.' | b',') && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)))
        {
            at += 1;
        }
        let rest = &text[at..];
        for dash in [",-", ",–", ",—"] {
            if rest.starts_with(dash) {
                at += dash.len();
                break;
            }
        }
        spans.push((start, at));
    }
    spans
}

/// The value of a number written with Dutch or English separators. A lone separator
/// followed by exactly three digits groups thousands ("1.250"); otherwise the last
/// separator is the decimal one.
fn amount(written: &str) -> Option<f64> {
    let written = written.trim_end_matches(['-', '–', '—']).trim_end_matches(',');
    let separators: Vec<(usize, char)> = written.char_indices().filter(|(_, c)| matches!(c, '.' | ',')).collect();
    let normalised = match separators.as_slice() {
        [] => written.to_owned(),
        [(at, _)] if written.len() - at - 1 == 3 => written.replace(['.', ','], ""),
        [.., (last_at, last)] => {
            let others_differ = separators[..separators.len() - 1].iter().all(|(_, c)| c != last);
            if separators.len() > 1 && !others_differ {
                // "1.250.000": every separator groups thousands.
                written.replace(*last, "")
            } else {
                let whole: String = written[..*last_at].chars().filter(char::is_ascii_digit).collect();
                format!("{whole}.{}", &written[last_at + 1..])
            }
        }
    };
    normalised.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// What is left of the cell once the amount and the currency are taken out.
fn label(rest: &str) -> Option<String> {
    let words: Vec<&str> = rest
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| c == '€' || c == ':' || c == '(' || c == ')'))
        .filter(|word| !word.is_empty() && !matches!(fold(word).as_str(), "eur" | "euro" | "euros" | "-" | "–"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(raw: &str) -> Option<u32> {
        match parse_cost(raw) {
            Ok(Cost::Amount { cents, .. }) => Some(cents),
            Ok(Cost::Free) => Some(0),
            _ => None,
        }
    }

    #[test]
    fn dutch_and_english_amounts_are_read() {
        assert_eq!(cents("€ 2,50"), Some(250));
        assert_eq!(cents("2.50"), Some(250));
        assert_eq!(cents("€5,-"), Some(500));
        assert_eq!(cents("EUR 12"), Some(1200));
        assert_eq!(cents("1.250"), Some(125_000));
        assert_eq!(cents("€ 1.250,75"), Some(125_075));
        assert_eq!(cents("1,250.75"), Some(125_075));
        assert_eq!(cents("2.5"), Some(250));
    }

    #[test]
    fn free_is_free_in_words_or_as_zero() {
        assert_eq!(parse_cost("Gratis"), Ok(Cost::Free));
        assert_eq!(parse_cost("€ 0,00"), Ok(Cost::Free));
    }

    #[test]
    fn what_the_amount_is_for_is_kept() {
        assert_eq!(
            parse_cost("€ 7,50 per maaltijd"),
            Ok(Cost::Amount { cents: 750, label: Some("per maaltijd".into()) })
        );
        assert_eq!(parse_cost("€ 2,50"), Ok(Cost::Amount { cents: 250, label: None }));
    }

    #[test]
    fn prices_that_are_not_one_amount_stay_in_words() {
        assert_eq!(parse_cost("€ 2 tot € 5 per uur"), Ok(Cost::Words("€ 2 tot € 5 per uur".into())));
        assert_eq!(parse_cost("afhankelijk van inkomen"), Ok(Cost::Words("afhankelijk van inkomen".into())));
    }

    #[test]
    fn negative_and_absurd_prices_are_refused() {
        assert!(parse_cost("-5").is_err());
        assert!(parse_cost("€ 99.999.999").is_err());
    }
}
