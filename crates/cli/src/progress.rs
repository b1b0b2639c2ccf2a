//! Progress for long operations: a bar on a terminal, a log line per tenth when the
//! output goes to a file or CI log (where a bar would be noise).

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// Reports progress of `total` steps under `label`.
pub struct Progress {
    bar: Option<ProgressBar>,
    label: &'static str,
    total: u64,
    done: u64,
    next_log: u64,
}

impl Progress {
    /// Starts reporting.
    pub fn new(label: &'static str, total: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total);
            let style = ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} ({eta})")
                .expect("the template is valid")
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(label);
            bar
        });
        Self { bar, label, total, done: 0, next_log: total / 10 }
    }

    /// Marks `n` more steps done.
    pub fn advance(&mut self, n: u64) {
        self.done += n;
        match &self.bar {
            Some(bar) => bar.inc(n),
            None if self.total >= 1000 && self.done >= self.next_log && self.done < self.total => {
                tracing::info!("{}: {} of {}", self.label, self.done, self.total);
                self.next_log += self.total / 10;
            }
            None => {}
        }
    }

    /// Ends the bar.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
