//! Weekly opening hours with dated exceptions, evaluated in Europe/Amsterdam.

use super::{TimeOfDay, public_holiday};
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Serialize};

/// When something is open: weekly rules, dated exceptions (holidays, summer closing,
/// an extra evening) and whether public holidays close it.
///
/// All times are wall-clock times in Europe/Amsterdam, so "9.00–17.00" stays
/// 9.00–17.00 local time on both sides of a daylight-saving change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "RawOpeningHours")]
pub struct OpeningHours {
    weekly: Vec<WeeklyHours>,
    exceptions: Vec<DateException>,
    closed_on_public_holidays: bool,
    notes: Option<String>,
}

/// One opening period on a weekday. Two periods on one day (morning and afternoon)
/// are two entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyHours {
    /// The day of the week.
    pub weekday: Weekday,
    /// Opening time.
    pub opens: TimeOfDay,
    /// Closing time; after `opens` (use 24:00 for midnight).
    pub closes: TimeOfDay,
}

/// A date on which the weekly rules do not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateException {
    /// The date.
    pub date: NaiveDate,
    /// The hours on that date instead.
    pub hours: ExceptionHours,
    /// Why, for residents: "Kerstvakantie", "Extra avondopenstelling".
    pub reason: Option<String>,
}

/// Hours on an exceptional date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ExceptionHours {
    /// Closed all day.
    Closed,
    /// Open during these periods only.
    Open {
        /// Opening time.
        opens: TimeOfDay,
        /// Closing time.
        closes: TimeOfDay,
    },
}

/// Why a set of opening hours is inconsistent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidHours {
    /// A period that closes before (or when) it opens.
    #[error("on {day} the closing time {closes} is not after the opening time {opens}")]
    ClosesBeforeOpening {
        /// The weekday or date.
        day: String,
        /// Opening time.
        opens: TimeOfDay,
        /// Closing time.
        closes: TimeOfDay,
    },
    /// Two periods on the same day overlap.
    #[error("on {day} two opening periods overlap")]
    Overlap {
        /// The weekday or date.
        day: String,
    },
    /// The same date is listed as an exception twice.
    #[error("the date {0} is listed twice as an exception")]
    DuplicateException(NaiveDate),
}

#[derive(Deserialize)]
struct RawOpeningHours {
    #[serde(default)]
    weekly: Vec<WeeklyHours>,
    #[serde(default)]
    exceptions: Vec<DateException>,
    #[serde(default)]
    closed_on_public_holidays: bool,
    #[serde(default)]
    notes: Option<String>,
}

impl TryFrom<RawOpeningHours> for OpeningHours {
    type Error = InvalidHours;
    fn try_from(raw: RawOpeningHours) -> Result<Self, Self::Error> {
        Self::new(raw.weekly, raw.exceptions, raw.closed_on_public_holidays, raw.notes)
    }
}

impl OpeningHours {
    /// Checks and builds opening hours. Periods are sorted by day and time.
    pub fn new(
        mut weekly: Vec<WeeklyHours>,
        mut exceptions: Vec<DateException>,
        closed_on_public_holidays: bool,
        notes: Option<String>,
    ) -> Result<Self, InvalidHours> {
        weekly.sort_by_key(|period| (period.weekday.num_days_from_monday(), period.opens));
        for period in &weekly {
            check_period(&period.weekday.to_string(), period.opens, period.closes)?;
        }
        for pair in weekly.windows(2) {
            if pair[0].weekday == pair[1].weekday && pair[1].opens < pair[0].closes {
                return Err(InvalidHours::Overlap { day: pair[0].weekday.to_string() });
            }
        }
        exceptions.sort_by_key(|exception| exception.date);
        for pair in exceptions.windows(2) {
            if pair[0].date == pair[1].date {
                return Err(InvalidHours::DuplicateException(pair[0].date));
            }
        }
        for exception in &exceptions {
            if let ExceptionHours::Open { opens, closes } = exception.hours {
                check_period(&exception.date.to_string(), opens, closes)?;
            }
        }
        let notes = notes.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        Ok(Self { weekly, exceptions, closed_on_public_holidays, notes })
    }

    /// Whether no hours are known at all; "open now" is then unknown, not "closed".
    pub fn is_unknown(&self) -> bool {
        self.weekly.is_empty() && self.exceptions.is_empty()
    }

    /// The weekly periods, sorted from Monday morning.
    pub fn weekly(&self) -> &[WeeklyHours] {
        &self.weekly
    }

    /// The dated exceptions, sorted by date.
    pub fn exceptions(&self) -> &[DateException] {
        &self.exceptions
    }

    /// Whether public holidays close the service.
    pub fn closed_on_public_holidays(&self) -> bool {
        self.closed_on_public_holidays
    }

    /// Free-text remarks ("Op afspraak ook 's avonds").
    pub fn notes(&self) -> Option<&str> {
        self.notes.as_deref()
    }

    /// The opening periods on a local date, after exceptions and holidays.
    pub fn periods_on(&self, date: NaiveDate) -> Vec<(TimeOfDay, TimeOfDay)> {
        if let Some(exception) = self.exceptions.iter().find(|e| e.date == date) {
            return match exception.hours {
                ExceptionHours::Closed => Vec::new(),
                ExceptionHours::Open { opens, closes } => vec![(opens, closes)],
            };
        }
        if self.closed_on_public_holidays && public_holiday(date).is_some() {
            return Vec::new();
        }
        self.weekly
            .iter()
            .filter(|period| period.weekday == date.weekday())
            .map(|period| (period.opens, period.closes))
            .collect()
    }

    /// Whether it is open at `instant`; `None` when no hours are known.
    pub fn is_open_at(&self, instant: DateTime<Utc>) -> Option<bool> {
        if self.is_unknown() {
            return None;
        }
        let local = instant.with_timezone(&Amsterdam);
        let minute = u16::try_from(local.time().num_seconds_from_midnight() / 60).expect("minutes in a day fit u16");
        let open = self
            .periods_on(local.date_naive())
            .iter()
            .any(|(opens, closes)| opens.minutes() <= minute && minute < closes.minutes());
        Some(open)
    }
}

fn check_period(day: &str, opens: TimeOfDay, closes: TimeOfDay) -> Result<(), InvalidHours> {
    if closes <= opens {
        return Err(InvalidHours::ClosesBeforeOpening { day: day.to_owned(), opens, closes });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(raw: &str) -> TimeOfDay {
        TimeOfDay::parse(raw).unwrap()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn every_day(opens: &str, closes: &str) -> Vec<WeeklyHours> {
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
            .into_iter()
            .map(|weekday| WeeklyHours { weekday, opens: t(opens), closes: t(closes) })
            .collect()
    }

    #[test]
    fn office_hours_follow_local_time_in_winter_and_summer() {
        let hours = OpeningHours::new(every_day("09:00", "17:00"), vec![], false, None).unwrap();
        // Winter (CET, UTC+1): 08:30 UTC is 09:30 local.
        assert_eq!(hours.is_open_at(utc(2026, 1, 14, 8, 30)), Some(true));
        assert_eq!(hours.is_open_at(utc(2026, 1, 14, 7, 30)), Some(false));
        // Summer (CEST, UTC+2): 07:30 UTC is 09:30 local.
        assert_eq!(hours.is_open_at(utc(2026, 7, 15, 7, 30)), Some(true));
        assert_eq!(hours.is_open_at(utc(2026, 7, 15, 15, 30)), Some(false));
    }

    #[test]
    fn spring_forward_night_skips_the_missing_hour() {
        // 29 March 2026: clocks jump from 02:00 to 03:00 local (01:00 UTC).
        let hours = OpeningHours::new(every_day("02:30", "03:30"), vec![], false, None).unwrap();
        // 00:59 UTC = 01:59 CET: not yet open.
        assert_eq!(hours.is_open_at(utc(2026, 3, 29, 0, 59)), Some(false));
        // 01:00 UTC = 03:00 CEST: open (02:30 local never happened).
        assert_eq!(hours.is_open_at(utc(2026, 3, 29, 1, 0)), Some(true));
        // 01:30 UTC = 03:30 CEST: closed.
        assert_eq!(hours.is_open_at(utc(2026, 3, 29, 1, 30)), Some(false));
    }

    #[test]
    fn fall_back_night_is_open_during_both_passes_of_the_repeated_hour() {
        // 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET (01:00 UTC).
        let hours = OpeningHours::new(every_day("02:00", "03:00"), vec![], false, None).unwrap();
        assert_eq!(hours.is_open_at(utc(2026, 10, 25, 0, 30)), Some(true)); // 02:30 CEST
        assert_eq!(hours.is_open_at(utc(2026, 10, 25, 1, 30)), Some(true)); // 02:30 CET
        assert_eq!(hours.is_open_at(utc(2026, 10, 25, 2, 30)), Some(false)); // 03:30 CET
    }

    #[test]
    fn late_evening_near_midnight_uses_the_local_date() {
        // Monday only, until midnight. 22:30 UTC on Monday in summer is 00:30 Tuesday local.
        let hours = OpeningHours::new(
            vec![WeeklyHours { weekday: Weekday::Mon, opens: t("20:00"), closes: t("24:00") }],
            vec![],
            false,
            None,
        )
        .unwrap();
        assert_eq!(hours.is_open_at(utc(2026, 7, 13, 21, 30)), Some(true)); // Mon 23:30 local
        assert_eq!(hours.is_open_at(utc(2026, 7, 13, 22, 30)), Some(false)); // Tue 00:30 local
    }

    #[test]
    fn public_holidays_close_when_configured() {
        let weekdays = every_day("09:00", "17:00");
        let closed = OpeningHours::new(weekdays.clone(), vec![], true, None).unwrap();
        let open = OpeningHours::new(weekdays, vec![], false, None).unwrap();
        let kings_day_noon = utc(2026, 4, 27, 10, 0);
        assert_eq!(closed.is_open_at(kings_day_noon), Some(false));
        assert_eq!(open.is_open_at(kings_day_noon), Some(true));
    }

    #[test]
    fn exceptions_override_weekly_hours_and_holidays() {
        let christmas_eve_short = DateException {
            date: NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
            hours: ExceptionHours::Open { opens: t("09:00"), closes: t("12:00") },
            reason: Some("Kerstavond: korter open".into()),
        };
        let summer_closing = DateException {
            date: NaiveDate::from_ymd_opt(2026, 8, 3).unwrap(),
            hours: ExceptionHours::Closed,
            reason: Some("Zomersluiting".into()),
        };
        let hours =
            OpeningHours::new(every_day("09:00", "17:00"), vec![summer_closing, christmas_eve_short], true, None)
                .unwrap();
        assert_eq!(hours.is_open_at(utc(2026, 12, 24, 10, 0)), Some(true)); // 11:00 local
        assert_eq!(hours.is_open_at(utc(2026, 12, 24, 12, 0)), Some(false)); // 13:00 local
        assert_eq!(hours.is_open_at(utc(2026, 8, 3, 10, 0)), Some(false));
        assert_eq!(hours.exceptions()[0].date.month(), 8, "exceptions are sorted");
    }

    #[test]
    fn unknown_hours_are_not_closed_hours() {
        assert_eq!(OpeningHours::default().is_open_at(utc(2026, 1, 1, 12, 0)), None);
    }

    #[test]
    fn inconsistent_hours_are_rejected() {
        let backwards = vec![WeeklyHours { weekday: Weekday::Tue, opens: t("17:00"), closes: t("09:00") }];
        assert!(matches!(
            OpeningHours::new(backwards, vec![], false, None),
            Err(InvalidHours::ClosesBeforeOpening { .. })
        ));
        let overlapping = vec![
            WeeklyHours { weekday: Weekday::Tue, opens: t("09:00"), closes: t("13:00") },
            WeeklyHours { weekday: Weekday::Tue, opens: t("12:00"), closes: t("17:00") },
        ];
        assert!(matches!(OpeningHours::new(overlapping, vec![], false, None), Err(InvalidHours::Overlap { .. })));
        let date = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        let twice = vec![
            DateException { date, hours: ExceptionHours::Closed, reason: None },
            DateException { date, hours: ExceptionHours::Closed, reason: None },
        ];
        assert_eq!(OpeningHours::new(vec![], twice, false, None), Err(InvalidHours::DuplicateException(date)));
    }

    #[test]
    fn deserializing_checks_the_hours() {
        let json = r#"{"weekly":[{"weekday":"Tue","opens":"17:00","closes":"09:00"}]}"#;
        assert!(serde_json::from_str::<OpeningHours>(json).is_err());
        let json = r#"{"weekly":[{"weekday":"Tue","opens":"9.00","closes":"17:00"}],"closed_on_public_holidays":true}"#;
        let hours: OpeningHours = serde_json::from_str(json).unwrap();
        assert_eq!(hours.weekly()[0].opens, t("09:00"));
    }
}
