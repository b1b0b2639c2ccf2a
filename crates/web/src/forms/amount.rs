//! Amounts in euros as people type them: "7,50", "€ 7,50", "7.50", "€ 12,-",
//! "1.250,00". Stored as cents, so that prices add up exactly.

/// Highest price a form accepts, in cents: a million euros. Anything above is a typing
/// error, and it keeps the sum well inside `u32`.
const MAX_CENTS: u64 = 100_000_000;

/// Why a text is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AmountError {
    /// Not written as an amount.
    NotAnAmount,
    /// More than [`MAX_CENTS`].
    TooHigh,
}

/// Reads an amount in euros; `Ok(None)` for an empty field.
///
/// Both Dutch and English separators are read: the last `,` or `.` followed by one or
/// two digits is the decimal separator, and a separator followed by groups of three
/// digits groups thousands ("1.250" is twelve hundred and fifty euros, as a Dutch
/// reader means it).
pub(crate) fn parse_euros(raw: &str) -> Result<Option<u32>, AmountError> {
    let mut text = raw.trim().to_lowercase();
    if text.is_empty() {
        return Ok(None);
    }
    for prefix in ["€", "euro", "eur"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.trim_start().to_owned();
            break;
        }
    }
    for suffix in [",-", ",–", ",—", ".-", ".–"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            text = rest.to_owned();
            break;
        }
    }
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return Err(AmountError::NotAnAmount);
    }
    let (whole, cents) = split_decimals(&text)?;
    let euros = thousands(whole)?;
    let total = euros.checked_mul(100).and_then(|c| c.checked_add(cents)).ok_or(AmountError::TooHigh)?;
    if total > MAX_CENTS {
        return Err(AmountError::TooHigh);
    }
    u32::try_from(total).map(Some).map_err(|_| AmountError::TooHigh)
}

/// Splits off a decimal part of one or two digits after the last separator.
fn split_decimals(text: &str) -> Result<(&str, u64), AmountError> {
    match text.rfind([',', '.']) {
        Some(at) if (1..=2).contains(&(text.len() - at - 1)) => {
            let decimals = &text[at + 1..];
            let cents: u64 = decimals.parse().map_err(|_| AmountError::NotAnAmount)?;
            let cents = if decimals.len() == 1 { cents * 10 } else { cents };
            Ok((&text[..at], cents))
        }
        _ => Ok((text, 0)),
    }
}

/// Reads whole euros with optional thousands separators (groups of exactly three).
fn thousands(whole: &str) -> Result<u64, AmountError> {
    if whole.is_empty() {
        // ",50" is fifty cents.
        return Ok(0);
    }
    let groups: Vec<&str> = whole.split([',', '.']).collect();
    let well_grouped = !groups[0].is_empty()
        && groups[0].len() <= if groups.len() > 1 { 3 } else { usize::MAX }
        && groups[1..].iter().all(|g| g.len() == 3);
    if !well_grouped || groups.iter().any(|g| !g.bytes().all(|b| b.is_ascii_digit())) {
        return Err(AmountError::NotAnAmount);
    }
    let digits: String = groups.concat();
    if digits.len() > 12 {
        return Err(AmountError::TooHigh);
    }
    digits.parse().map_err(|_| AmountError::NotAnAmount)
}

/// An amount as a Dutch reader writes it, without the euro sign: "7,50".
pub(crate) fn format_euros(cents: u32) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english_amounts_are_read() {
        for raw in ["7,50", "€ 7,50", "7.50", "€7,5", " 7,50 ", "EUR 7,50", "euro 7,50", "€\u{a0}7,50"] {
            assert_eq!(parse_euros(raw), Ok(Some(750)), "{raw}");
        }
        assert_eq!(parse_euros("€ 12,-"), Ok(Some(1200)));
        assert_eq!(parse_euros("12"), Ok(Some(1200)));
        assert_eq!(parse_euros("1.250,00"), Ok(Some(125_000)));
        assert_eq!(parse_euros("1.250"), Ok(Some(125_000)));
        assert_eq!(parse_euros("1,250.75"), Ok(Some(125_075)));
        assert_eq!(parse_euros(",50"), Ok(Some(50)));
        assert_eq!(parse_euros("0"), Ok(Some(0)));
        assert_eq!(parse_euros("  "), Ok(None));
    }

    #[test]
    fn things_that_are_not_amounts_are_refused() {
        for raw in ["gratis", "7,50 per uur", "-5", "euro 7 50", "7,5,0", "1.25.00", "12.3456", "€", "1..5", "7 50"] {
            assert_eq!(parse_euros(raw), Err(AmountError::NotAnAmount), "{raw}");
        }
        assert_eq!(parse_euros("2.000.000"), Err(AmountError::TooHigh));
        assert_eq!(parse_euros("99999999999999999999"), Err(AmountError::TooHigh));
    }

    #[test]
    fn amounts_are_written_the_dutch_way_and_read_back() {
        for cents in [0, 5, 750, 1200, 125_075] {
            assert_eq!(parse_euros(&format_euros(cents)), Ok(Some(cents)));
        }
        assert_eq!(format_euros(750), "7,50");
    }
}
