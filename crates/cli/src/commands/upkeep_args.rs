//! `wegwijs serve` settings of the reminder scheduler that keeps the kaart current
//! (crate `wegwijs-upkeep`): when organisations are reminded and the editors told, and
//! when mails may go out.

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
    /// The whole freshness policy: the site's warning and hiding ages with the reminder
    /// ages of these flags, checked together. The site and the scheduler both use it,
    /// so the dashboard's "soon too old" and the mails go by the same ages.
    pub fn policy(&self, site: FreshnessPolicy) -> anyhow::Result<FreshnessPolicy> {
        let policy = FreshnessPolicy {
            first_reminder: months(i64::from(self.first_reminder_months)),
            second_reminder: months(i64::from(self.second_reminder_months)),
            escalation: months(i64::from(self.escalate_months)),
            quiet_period: chrono::TimeDelta::days(i64::from(self.quiet_days)),
            ..site
        };
        policy.check().map_err(|reason| {
            anyhow::anyhow!(
                "--first-reminder-months {} --second-reminder-months {} --escalate-months {} cannot be used with \
                 hiding after {} days: {reason}",
                self.first_reminder_months,
                self.second_reminder_months,
                self.escalate_months,
                site.hide_after.num_days()
            )
        })?;
        Ok(policy)
    }

    /// The scheduler's settings for `policy` (from [`Self::policy`]); `None` when
    /// reminders are switched off.
    pub fn config(&self, policy: FreshnessPolicy, link_origin: String) -> Option<UpkeepConfig> {
        (self.reminder_interval_minutes > 0).then_some(UpkeepConfig {
            policy,
            window: self.send_hours,
            link_origin,
            batch: 200,
        })
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

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        upkeep: UpkeepArgs,
    }

    fn policy(args: &[&str]) -> anyhow::Result<FreshnessPolicy> {
        use clap::Parser;
        let cli = Cli::try_parse_from(std::iter::once("serve").chain(args.iter().copied())).unwrap();
        cli.upkeep.policy(FreshnessPolicy::default())
    }

    #[test]
    fn the_reminder_ages_join_the_site_policy_and_are_checked_with_it() {
        let set = policy(&["--first-reminder-months", "4", "--escalate-months", "11", "--quiet-days", "7"]).unwrap();
        assert_eq!((set.first_reminder, set.escalation), (months(4), months(11)));
        assert_eq!(set.quiet_period, chrono::TimeDelta::days(7));
        assert_eq!(set.hide_after, FreshnessPolicy::default().hide_after, "the site's ages stay");
        let wrong = policy(&["--first-reminder-months", "10"]).unwrap_err().to_string();
        assert!(wrong.contains("--first-reminder-months 10") && wrong.contains("must grow"), "{wrong}");
    }
}
