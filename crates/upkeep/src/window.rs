//! When mails may go out: on working days during office hours, Dutch time, so a
//! reminder arrives when someone can act on it, never at night or at the weekend.

use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use chrono_tz::Europe::Amsterdam;

/// Hours (Dutch time) on working days in which mails are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendWindow {
    /// First hour mails may go out (e.g. 8: from 08:00).
    pub from_hour: u32,
    /// Hour from which they may not (e.g. 18: until 17:59).
    pub until_hour: u32,
    /// Whether Saturday and Sunday are quiet too.
    pub weekdays_only: bool,
}

impl Default for SendWindow {
    fn default() -> Self {
        Self { from_hour: 8, until_hour: 18, weekdays_only: true }
    }
}

impl SendWindow {
    /// Always open: for tests and for sites that want no quiet hours.
    pub const ALWAYS: Self = Self { from_hour: 0, until_hour: 24, weekdays_only: false };

    /// Whether mails may go out at `now`.
    pub fn allows(&self, now: DateTime<Utc>) -> bool {
        let local = now.with_timezone(&Amsterdam);
        let weekend = matches!(local.weekday(), Weekday::Sat | Weekday::Sun);
        (!self.weekdays_only || !weekend) && (self.from_hour..self.until_hour).contains(&local.hour())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn office_hours_on_working_days_in_dutch_time() {
        let window = SendWindow::default();
        // Tuesday 24 November 2026; Amsterdam is UTC+1 in winter.
        let at = |day, hour| Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap();
        assert!(window.allows(at(24, 7)), "08:00 Dutch time");
        assert!(!window.allows(at(24, 6)), "07:00 Dutch time");
        assert!(!window.allows(at(24, 17)), "18:00 Dutch time");
        assert!(!window.allows(at(28, 10)), "Saturday");
        assert!(SendWindow::ALWAYS.allows(at(28, 2)));
    }
}
