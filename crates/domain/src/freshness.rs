//! Keeping the kaart current: how old a record's last check may get before its
//! organisation is reminded, the editors are told, the public is warned and, in the
//! end, the record is hidden until someone confirms it again.
//!
//! Everything here is a pure function of a record's [`RecordMeta`] and a moment, so the
//! server, the search index, the scheduler and the simulation judge a record the same
//! way, also on a fake clock.

use crate::model::RecordMeta;
use chrono::{DateTime, TimeDelta, Utc};

/// The thresholds, counted from a record's last check ([`last_checked`]). Defaults:
/// reminders at 6 and 9 months, the editors at 12, a public warning at 12, hidden at 18.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreshnessPolicy {
    /// Age at which the organisation gets its first reminder.
    pub first_reminder: TimeDelta,
    /// Age of the second reminder.
    pub second_reminder: TimeDelta,
    /// Age at which the editors are asked to step in.
    pub escalation: TimeDelta,
    /// Age from which public pages say the information was not checked for a long time.
    pub public_warning: TimeDelta,
    /// Age at which a record leaves the public site, API and search (it is kept).
    pub hide_after: TimeDelta,
    /// How long before hiding the editors are told it will happen.
    pub hide_notice: TimeDelta,
    /// The least time between two mails to one organisation, and after a confirmation.
    pub quiet_period: TimeDelta,
    /// How long a "Alles klopt nog" link works.
    pub link_lifetime: TimeDelta,
}

/// Days in an average month, so "6 months" means the same on every date.
const MONTH_DAYS: i64 = 30;

/// `n` months of 30 days.
pub const fn months(n: i64) -> TimeDelta {
    TimeDelta::days(n * MONTH_DAYS)
}

impl Default for FreshnessPolicy {
    fn default() -> Self {
        Self {
            first_reminder: months(6),
            second_reminder: months(9),
            escalation: months(12),
            public_warning: months(12),
            hide_after: months(18),
            hide_notice: TimeDelta::days(30),
            quiet_period: TimeDelta::days(14),
            link_lifetime: TimeDelta::days(60),
        }
    }
}

/// Where a record stands, by the age of its last check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Checked recently enough; nothing to do.
    Current,
    /// Time for the first reminder.
    FirstReminder,
    /// Time for the second reminder.
    SecondReminder,
    /// The organisation did not react: the editors are asked.
    Escalated,
    /// Close to hiding: the editors are told it will happen.
    HidingSoon,
    /// Not shown to the public until checked again.
    Hidden,
}

impl Stage {
    /// Stable text form, for storage.
    pub fn code(self) -> &'static str {
        match self {
            Self::Current => "current",
            Self::FirstReminder => "first_reminder",
            Self::SecondReminder => "second_reminder",
            Self::Escalated => "escalated",
            Self::HidingSoon => "hiding_soon",
            Self::Hidden => "hidden",
        }
    }

    /// Parses [`Self::code`].
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Current, Self::FirstReminder, Self::SecondReminder, Self::Escalated, Self::HidingSoon, Self::Hidden]
            .into_iter()
            .find(|s| s.code() == raw)
    }
}

/// When a record was last known to be right: its last verification, or, for a record
/// never verified, its last change (an edit is a kind of check, and a record without
/// any date must not stay on the site for ever).
pub fn last_checked(meta: &RecordMeta) -> DateTime<Utc> {
    meta.verification.as_ref().map_or(meta.updated, |v| v.at)
}

impl FreshnessPolicy {
    /// The stage of a record last checked at `checked` when it is `now`.
    pub fn stage(&self, checked: DateTime<Utc>, now: DateTime<Utc>) -> Stage {
        let age = now - checked;
        if age >= self.hide_after {
            Stage::Hidden
        } else if age >= self.hide_after - self.hide_notice && self.hide_notice > TimeDelta::zero() {
            Stage::HidingSoon
        } else if age >= self.escalation {
            Stage::Escalated
        } else if age >= self.second_reminder {
            Stage::SecondReminder
        } else if age >= self.first_reminder {
            Stage::FirstReminder
        } else {
            Stage::Current
        }
    }

    /// Whether a record last checked at `checked` is hidden from the public at `now`.
    pub fn is_hidden(&self, checked: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - checked >= self.hide_after
    }

    /// Whether public pages warn that the record was not checked for a long time.
    pub fn warns_public(&self, checked: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - checked >= self.public_warning
    }

    /// The cutoff for the public at `now`: a record whose last check is at or before
    /// this moment is hidden ([`Self::is_hidden`]); only later checks are shown.
    pub fn visible_since(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.hide_after
    }

    /// Whether the thresholds are in order (each later than the one before), so every
    /// record passes the stages one by one; the message says what is wrong.
    pub fn check(&self) -> Result<(), &'static str> {
        let positive = [self.first_reminder, self.quiet_period, self.link_lifetime];
        if positive.iter().any(|d| *d <= TimeDelta::zero()) {
            return Err("reminder age, quiet period and link lifetime must be longer than zero");
        }
        if !(self.first_reminder < self.second_reminder
            && self.second_reminder < self.escalation
            && self.escalation < self.hide_after)
        {
            return Err("the thresholds must grow: first reminder < second reminder < escalation < hiding");
        }
        if self.hide_notice < TimeDelta::zero() || self.hide_after - self.hide_notice <= self.escalation {
            return Err("the notice before hiding must fall after the escalation");
        }
        if self.public_warning > self.hide_after {
            return Err("the public warning must come before hiding");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, Verification, VerifiedBy};
    use chrono::TimeZone;

    fn at(days_ago: i64) -> (DateTime<Utc>, DateTime<Utc>) {
        let now = Utc.with_ymd_and_hms(2027, 6, 1, 10, 0, 0).unwrap();
        (now - TimeDelta::days(days_ago), now)
    }

    #[test]
    fn a_record_passes_every_stage_as_it_ages() {
        let policy = FreshnessPolicy::default();
        let stages: Vec<Stage> = [0, 179, 180, 270, 360, 509, 510, 539, 540, 2000]
            .into_iter()
            .map(|days| {
                let (checked, now) = at(days);
                policy.stage(checked, now)
            })
            .collect();
        assert_eq!(
            stages,
            [
                Stage::Current,
                Stage::Current,
                Stage::FirstReminder,
                Stage::SecondReminder,
                Stage::Escalated,
                Stage::Escalated,
                Stage::HidingSoon,
                Stage::HidingSoon,
                Stage::Hidden,
                Stage::Hidden
            ]
        );
        let (checked, now) = at(540);
        assert!(policy.is_hidden(checked, now) && policy.warns_public(checked, now));
        let (checked, now) = at(359);
        assert!(!policy.warns_public(checked, now));
        assert_eq!(policy.visible_since(now), now - months(18));
    }

    #[test]
    fn the_last_check_is_the_verification_or_else_the_last_change() {
        let (updated, now) = at(10);
        let mut meta = RecordMeta::new(updated, Source { name: "demo".into(), reference: None });
        assert_eq!(last_checked(&meta), updated);
        meta.verification = Some(Verification { at: now, by: VerifiedBy::Provider });
        assert_eq!(last_checked(&meta), now);
    }

    #[test]
    fn thresholds_out_of_order_are_refused() {
        assert_eq!(FreshnessPolicy::default().check(), Ok(()));
        let swapped = FreshnessPolicy { second_reminder: months(5), ..FreshnessPolicy::default() };
        assert!(swapped.check().is_err());
        let late_notice = FreshnessPolicy { hide_notice: months(7), ..FreshnessPolicy::default() };
        assert!(late_notice.check().is_err());
        assert!(FreshnessPolicy { quiet_period: TimeDelta::zero(), ..FreshnessPolicy::default() }.check().is_err());
    }

    #[test]
    fn stage_codes_read_back() {
        for stage in [Stage::Current, Stage::FirstReminder, Stage::Escalated, Stage::Hidden] {
            assert_eq!(Stage::parse(stage.code()), Some(stage));
        }
        assert_eq!(Stage::parse("old"), None);
    }
}
