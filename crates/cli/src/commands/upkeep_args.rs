//! `wegwijs serve` settings of the reminder scheduler that keeps the kaart current
//! (crate `wegwijs-upkeep`): when organisations are reminded and the editors told, and
//! when mails may go out.

use anyhow::Context;
use wegwijs_domain::FreshnessPolicy;
use wegwijs_domain::freshness::months;
use wegwijs_upkeep::{SendWindow, UpkeepConfig};

/// Reminder settings. Ages count from an entry's last check.
#[derive(Debug, clap::Args)]
pub struct UpkeepArgs {
    /// Minutes between two runs of the reminder scheduler; 0 switches reminders off.
    #[arg(long, env = "WEGWIJS_REMINDER_INTERVAL_MINUTES", default_value_t = 60)]
    pub reminder_interval_minutes: u64,
    /// Age in months at which an organisation gets its first reminder.
    #[arg(long, env = "WEGWIJS_FIRST_REMINDER_MONTHS", default_value_t = 6)]
    pub first_reminder_months: u16,
    /// Age in months of the second reminder.
    #[arg(long, env = "WEGWIJS_SECOND_REMINDER_MONTHS", default_value_t = 9)]
    pub second_reminder_months: u16,
    /// Age in months at which the editors are asked to call the organisation.
    #[arg(long, env = "WEGWIJS_ESCALATE_MONTHS", default_value_t = 12)]
    pub escalate_months: u16,
    /// Least days between two mails to one organisation.
    #[arg(long, env = "WEGWIJS_QUIET_DAYS", default_value_t = 14)]
    pub quiet_days: u16,
    /// Hours (Dutch time, working days) in which reminder mails go out, e.g. `8-18`;
    /// `always` sends at any hour on any day.
    #[arg(long, env = "WEGWIJS_SEND_HOURS", default_value = "8-18", value_parser = parse_window)]
    pub send_hours: SendWindow,
}

fn parse_window(raw: &str) -> Result<SendWindow, String> {
    if raw.trim() == "always" {
        return Ok(SendWindow::ALWAYS);
    }
    let (from, until) = raw.split_once('-').ok_or_else(|| format!("{raw:?}: expected hours like 8-18, or always"))?;
    let hour = |h: &str| h.trim().parse::<u32>().ok().filter(|h| *h <= 24);
    match (hour(from), hour(until)) {
        (Some(from_hour), Some(until_hour)) if from_hour < until_hour => {
            Ok(SendWindow { from_hour, until_hour, weekdays_only: true })
        }
        _ => Err(format!("{raw:?}: expected two hours from 0 to 24, the first one smaller, like 8-18")),
    }
}

impl UpkeepArgs {
    /// The scheduler's settings, on top of the site's warning and hiding ages; `None`
    /// when reminders are switched off.
    pub fn config(&self, site: FreshnessPolicy, link_origin: String) -> anyhow::Result<Option<UpkeepConfig>> {
        if self.reminder_interval_minutes == 0 {
            return Ok(None);
        }
        let policy = FreshnessPolicy {
            first_reminder: months(i64::from(self.first_reminder_months)),
            second_reminder: months(i64::from(self.second_reminder_months)),
            escalation: months(i64::from(self.escalate_months)),
            quiet_period: chrono::TimeDelta::days(i64::from(self.quiet_days)),
            ..site
        };
        policy
            .check()
            .map_err(anyhow::Error::msg)
            .context("the reminder ages do not fit (see --first-reminder-months and the options after it)")?;
        Ok(Some(UpkeepConfig { policy, window: self.send_hours, link_origin, batch: 200 }))
    }

    /// Time between two runs.
    pub fn interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.reminder_interval_minutes.max(1) * 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_hours_are_read_or_refused_with_an_example() {
        assert_eq!(parse_window("9-17").unwrap(), SendWindow { from_hour: 9, until_hour: 17, weekdays_only: true });
        assert_eq!(parse_window("always").unwrap(), SendWindow::ALWAYS);
        for bad in ["17-9", "9", "9-25", "x-y"] {
            assert!(parse_window(bad).unwrap_err().contains("8-18"), "{bad}");
        }
    }
}
