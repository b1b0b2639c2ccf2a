//! Dutch public holidays, on which many services are closed.

use chrono::{Datelike, Duration, NaiveDate};

/// A Dutch public holiday (algemeen erkende feestdag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicHoliday {
    /// The date.
    pub date: NaiveDate,
    /// Dutch name: "Tweede Pinksterdag".
    pub name: &'static str,
}

/// The public holiday on `date`, if any.
///
/// Follows the Algemene termijnenwet list used by municipalities: New Year, Easter
/// Sunday and Monday, King's Day (27 April, or the 26th when the 27th is a Sunday),
/// Ascension Day, Whit Sunday and Monday, and Christmas. Liberation Day (5 May) is
/// only counted in lustrum years (2025, 2030), when most employers give the day off;
/// Good Friday is left out because municipal offices are normally open then.
pub fn public_holiday(date: NaiveDate) -> Option<PublicHoliday> {
    let year = date.year();
    let easter = easter_sunday(year);
    let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let kings_day = fixed(4, 27).map(|d| if d.weekday() == chrono::Weekday::Sun { d - Duration::days(1) } else { d });
    let candidates = [
        (fixed(1, 1), "Nieuwjaarsdag"),
        (Some(easter), "Eerste Paasdag"),
        (Some(easter + Duration::days(1)), "Tweede Paasdag"),
        (kings_day, "Koningsdag"),
        (fixed(5, 5).filter(|_| year % 5 == 0), "Bevrijdingsdag"),
        (Some(easter + Duration::days(39)), "Hemelvaartsdag"),
        (Some(easter + Duration::days(49)), "Eerste Pinksterdag"),
        (Some(easter + Duration::days(50)), "Tweede Pinksterdag"),
        (fixed(12, 25), "Eerste Kerstdag"),
        (fixed(12, 26), "Tweede Kerstdag"),
    ];
    candidates.into_iter().find(|(day, _)| *day == Some(date)).map(|(_, name)| PublicHoliday { date, name })
}

/// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" method).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("the Easter formula yields a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_matches_known_dates() {
        assert_eq!(easter_sunday(2024), date(2024, 3, 31));
        assert_eq!(easter_sunday(2025), date(2025, 4, 20));
        assert_eq!(easter_sunday(2026), date(2026, 4, 5));
        assert_eq!(easter_sunday(2027), date(2027, 3, 28));
    }

    #[test]
    fn moveable_feasts_of_2026() {
        assert_eq!(public_holiday(date(2026, 4, 6)).unwrap().name, "Tweede Paasdag");
        assert_eq!(public_holiday(date(2026, 5, 14)).unwrap().name, "Hemelvaartsdag");
        assert_eq!(public_holiday(date(2026, 5, 25)).unwrap().name, "Tweede Pinksterdag");
    }

    #[test]
    fn kings_day_moves_to_saturday_when_on_sunday() {
        // 27 April 2025 was a Sunday.
        assert_eq!(public_holiday(date(2025, 4, 26)).unwrap().name, "Koningsdag");
        assert!(public_holiday(date(2025, 4, 27)).is_none());
        assert_eq!(public_holiday(date(2026, 4, 27)).unwrap().name, "Koningsdag");
    }

    #[test]
    fn liberation_day_only_in_lustrum_years() {
        assert!(public_holiday(date(2025, 5, 5)).is_some());
        assert!(public_holiday(date(2026, 5, 5)).is_none());
    }

    #[test]
    fn ordinary_day_is_no_holiday() {
        assert!(public_holiday(date(2026, 11, 23)).is_none());
    }
}
