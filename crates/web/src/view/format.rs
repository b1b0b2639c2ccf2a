//! Small pieces of text shown in many places: prices, distances, referral hints.

use crate::i18n::Locale;

/// "€ 12,50" — Dutch notation in both languages, as prices are in euros in the Netherlands.
pub fn euros(cents: u64) -> String {
    format!("€ {},{:02}", cents / 100, cents % 100)
}

/// "1,2 km" / "1.2 km", "350 m" below one kilometre.
pub fn distance(locale: Locale, km: f64) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let metres = ((km * 1000.0) / 50.0).round() as u64 * 50;
    if metres < 1000 {
        return format!("{} m", metres.max(50));
    }
    let text = format!("{km:.1}");
    match locale {
        Locale::Nl => format!("{} km", text.replace('.', ",")),
        Locale::En => format!("{text} km"),
    }
}

/// The cost hint of a result: free or a starting price; `None` when the data does not
/// say (a missing price is not "free", nor "costs money").
pub fn cost_hint(locale: Locale, free: bool, price_cents: Option<u64>) -> Option<String> {
    match (free, price_cents) {
        (true, _) | (false, Some(0)) => Some(locale.t("cost.free").to_owned()),
        (false, Some(cents)) => Some(locale.tf("cost.from", &[("price", &euros(cents))])),
        (false, None) => None,
    }
}

/// A short line saying a referral is needed, or `None` when residents can go directly.
pub fn referral_hint(locale: Locale, route: &str) -> Option<&'static str> {
    match route {
        "huisarts" => Some(locale.t("referral_short.huisarts")),
        "wijkteam" => Some(locale.t("referral_short.wijkteam")),
        "gemeente" => Some(locale.t("referral_short.gemeente")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_prices_read_naturally() {
        assert_eq!(distance(Locale::Nl, 1.234), "1,2 km");
        assert_eq!(distance(Locale::En, 1.234), "1.2 km");
        assert_eq!(distance(Locale::Nl, 0.33), "350 m");
        assert_eq!(distance(Locale::Nl, 0.001), "50 m");
        assert_eq!(distance(Locale::Nl, 0.98), "1,0 km", "not 1000 m");
        assert_eq!(euros(1250), "€ 12,50");
        assert_eq!(cost_hint(Locale::Nl, false, Some(500)).unwrap(), "Vanaf € 5,00");
        assert_eq!(cost_hint(Locale::Nl, false, None), None, "unknown is not free");
        assert_eq!(referral_hint(Locale::Nl, "none"), None);
    }
}
