//! Opening hours in Europe/Amsterdam, with holidays and exceptions, and "open now".

mod holidays;
mod hours;
mod time_of_day;

pub use holidays::{PublicHoliday, public_holiday};
pub use hours::{DateException, ExceptionHours, InvalidHours, OpeningHours, WeeklyHours};
pub use time_of_day::{InvalidTime, TimeOfDay};
