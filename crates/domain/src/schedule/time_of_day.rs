//! Wall-clock times as written on a door: "9.00", "09:00", "24:00".

use serde::{Deserialize, Serialize};
use std::fmt;

/// A time of day with minute precision, from 00:00 up to and including 24:00
/// (24:00 closes a day; it is how "open until midnight" is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeOfDay(u16);

/// Why a text is not a time of day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidTime {
    /// Not written as hours and minutes.
    #[error("{0:?} is not a time; write it as 09:00 or 9.00")]
    BadFormat(String),
    /// Hours above 24 or minutes above 59.
    #[error("{0:?} does not exist on a clock")]
    OutOfRange(String),
}

impl TimeOfDay {
    /// Midnight at the start of a day.
    pub const START_OF_DAY: Self = Self(0);
    /// Midnight at the end of a day.
    pub const END_OF_DAY: Self = Self(24 * 60);

    /// A time from hours and minutes.
    pub fn from_hm(hours: u16, minutes: u16) -> Result<Self, InvalidTime> {
        if minutes > 59 || hours > 24 || (hours == 24 && minutes > 0) {
            return Err(InvalidTime::OutOfRange(format!("{hours:02}:{minutes:02}")));
        }
        Ok(Self(hours * 60 + minutes))
    }

    /// Parses `HH:MM`, `H:MM`, `H.MM` and HSDS's `HH:MM:SS` (seconds must be 00,
    /// an optional `Z` or offset suffix from HSDS feeds is not accepted because
    /// Wegwijs times are always Europe/Amsterdam wall-clock times).
    pub fn parse(raw: &str) -> Result<Self, InvalidTime> {
        let text = raw.trim();
        let bad = || InvalidTime::BadFormat(raw.trim().to_owned());
        let mut parts = text.split([':', '.']);
        let (Some(h), Some(m)) = (parts.next(), parts.next()) else { return Err(bad()) };
        let seconds = parts.next();
        if parts.next().is_some() || seconds.is_some_and(|s| s != "00") {
            return Err(bad());
        }
        let number = |part: &str, max_len| {
            if part.is_empty() || part.len() > max_len || !part.bytes().all(|b| b.is_ascii_digit()) {
                Err(bad())
            } else {
                part.parse::<u16>().map_err(|_| bad())
            }
        };
        if m.len() != 2 {
            return Err(bad());
        }
        let (hours, minutes) = (number(h, 2)?, number(m, 2)?);
        Self::from_hm(hours, minutes).map_err(|_| InvalidTime::OutOfRange(text.to_owned()))
    }

    /// Minutes since the start of the day (0..=1440).
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// Dutch notation for residents: "9.00".
    pub fn display_dutch(self) -> String {
        format!("{}.{:02}", self.0 / 60, self.0 % 60)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl TryFrom<String> for TimeOfDay {
    type Error = InvalidTime;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TimeOfDay> for String {
    fn from(time: TimeOfDay) -> Self {
        time.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_iso_spellings_parse() {
        assert_eq!(TimeOfDay::parse("9.00").unwrap().to_string(), "09:00");
        assert_eq!(TimeOfDay::parse("09:30").unwrap().minutes(), 570);
        assert_eq!(TimeOfDay::parse("17:00:00").unwrap().to_string(), "17:00");
        assert_eq!(TimeOfDay::parse("24:00").unwrap(), TimeOfDay::END_OF_DAY);
        assert_eq!(TimeOfDay::parse("13:05").unwrap().display_dutch(), "13.05");
    }

    #[test]
    fn impossible_times_are_rejected() {
        assert!(matches!(TimeOfDay::parse("25:00"), Err(InvalidTime::OutOfRange(_))));
        assert!(matches!(TimeOfDay::parse("12:60"), Err(InvalidTime::OutOfRange(_))));
        assert!(matches!(TimeOfDay::parse("24:30"), Err(InvalidTime::OutOfRange(_))));
        for raw in ["9", "9:0", "negen uur", "09:00:30", "-1:00", "09:00Z", ""] {
            assert!(matches!(TimeOfDay::parse(raw), Err(InvalidTime::BadFormat(_))), "{raw}");
        }
    }
}
