//! The opening-hours editor, without JavaScript: per weekday numbered periods of
//! "van" and "tot" (two are offered, more are kept when a record has them), a tick for
//! "closed on public holidays", rows of dated exceptions and a note. Whether periods
//! close after they open, overlap, or a date is listed twice is decided by
//! `OpeningHours::new`; this module only says which input the answer is about.

use super::clean::Reader;
use super::input::{FormInput, row_name};
use super::when::{format_date, format_time, parse_date, parse_time};
use super::widgets::{Choice, Kind, Spec, TextField};
use super::{EMPTY_ROWS, EXCEPTIONS_MAX, FieldProblem, SHORT_MAX};
use crate::i18n::Locale;
use chrono::Weekday;
use wegwijs_domain::schedule::{DateException, ExceptionHours, InvalidHours, OpeningHours, TimeOfDay, WeeklyHours};

/// The weekdays with the codes their inputs are named by (`uren_ma_1_open`).
const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "ma"),
    (Weekday::Tue, "di"),
    (Weekday::Wed, "wo"),
    (Weekday::Thu, "do"),
    (Weekday::Fri, "vr"),
    (Weekday::Sat, "za"),
    (Weekday::Sun, "zo"),
];
/// Periods offered per day; a record with more shows them all.
const PERIODS_OFFERED: usize = 2;
/// Most periods read per day: more is not from our form.
const PERIODS_MAX: usize = 6;
/// Prefix of the weekly inputs.
const WEEK: &str = "uren";
/// Prefix of the exception rows.
const EXCEPTION: &str = "uitzondering";
/// The "closed on public holidays" checkbox.
const HOLIDAYS: &str = "uren_feestdagen";
/// Value of a ticked checkbox.
const TICKED: &str = "ja";
/// Radio value: closed all day.
const CLOSED: &str = "dicht";
/// Radio value: open at other times.
const OPEN: &str = "open";

const NOTES: Spec = Spec {
    name: "uren_opmerking",
    label: "form.hours.notes",
    hint: Some("form.hours.notes_hint"),
    max: SHORT_MAX,
    kind: Kind::Area(3),
};
const OPENS: Spec = Spec::line("", "form.hours.opens", None, 8).kind(Kind::Time);
const CLOSES: Spec = Spec::line("", "form.hours.closes", None, 8).kind(Kind::Time);
const DATE: Spec = Spec::line("", "form.hours.date", Some("form.hours.date_hint"), 10).kind(Kind::Date);
const REASON: Spec = Spec::line("", "form.hours.reason", Some("form.hours.reason_hint"), SHORT_MAX);

/// The opening-hours part of a form.
#[derive(Debug, Clone)]
pub struct HoursFields {
    /// One row per weekday, Monday first.
    pub days: Vec<DayRow>,
    /// "Gesloten op feestdagen".
    pub holidays: Choice,
    /// The dated exceptions, with empty rows to add one.
    pub exceptions: Vec<ExceptionRow>,
    /// Remarks about the hours.
    pub notes: TextField,
}

/// A weekday with its periods.
#[derive(Debug, Clone)]
pub struct DayRow {
    /// The day's name: "Maandag".
    pub name: String,
    /// The periods, numbered from 1.
    pub periods: Vec<PeriodRow>,
}

/// One opening period of a day.
#[derive(Debug, Clone)]
pub struct PeriodRow {
    /// Opening time.
    pub opens: TextField,
    /// Closing time.
    pub closes: TextField,
}

/// One dated exception.
#[derive(Debug, Clone)]
pub struct ExceptionRow {
    /// "Afwijkende dag 2".
    pub legend: String,
    /// The date.
    pub date: TextField,
    /// `name` of the closed/open radios.
    pub kind_name: String,
    /// The (visually hidden) legend of the radios: "Afwijkende dag 2: open of dicht?".
    pub kind_legend: String,
    /// Radio "de hele dag dicht" (ticked on a new row).
    pub closed: Choice,
    /// Radio "open, op andere tijden".
    pub open: Choice,
    /// Opening time when open.
    pub opens: TextField,
    /// Closing time when open.
    pub closes: TextField,
    /// Why: "Kerstvakantie".
    pub reason: TextField,
}

impl HoursFields {
    /// The editor with what `input` holds and the problems found in it.
    pub(crate) fn new(locale: Locale, input: &FormInput, problems: &[FieldProblem]) -> Self {
        let days = DAYS
            .iter()
            .map(|(_, code)| {
                let prefix = format!("{WEEK}_{code}");
                let count = input.rows(&prefix).into_iter().filter(|n| *n <= PERIODS_MAX).max().unwrap_or(0);
                let periods = (1..=count.max(PERIODS_OFFERED))
                    .map(|n| {
                        let (opens, closes) = period_labels(n);
                        PeriodRow {
                            opens: TextField::named(locale, OPENS, row_name(&prefix, n, "open"), input, problems)
                                .labelled(locale.t(opens)),
                            closes: TextField::named(locale, CLOSES, row_name(&prefix, n, "dicht"), input, problems)
                                .labelled(locale.t(closes)),
                        }
                    })
                    .collect();
                DayRow { name: locale.t(&day_key(code)).to_owned(), periods }
            })
            .collect();
        let filled = exception_rows(input).into_iter().filter(|n| !exception_is_empty(input, *n)).max().unwrap_or(0);
        let exceptions = (1..=filled + EMPTY_ROWS).map(|n| exception_row(locale, n, input, problems)).collect();
        Self {
            days,
            holidays: Choice {
                id: HOLIDAYS.to_owned(),
                value: TICKED.to_owned(),
                label: locale.t("form.hours.holidays").to_owned(),
                checked: input.has(HOLIDAYS, TICKED),
            },
            exceptions,
            notes: TextField::new(locale, NOTES, input, problems),
        }
    }
}

fn exception_row(locale: Locale, n: usize, input: &FormInput, problems: &[FieldProblem]) -> ExceptionRow {
    let name = |field| row_name(EXCEPTION, n, field);
    let kind_name = name("soort");
    let open = input.get(&kind_name) == OPEN;
    let radio = |value: &str, label: &str, checked| Choice {
        id: format!("{kind_name}_{value}"),
        value: value.to_owned(),
        label: locale.t(label).to_owned(),
        checked,
    };
    ExceptionRow {
        legend: locale.tf("form.hours.exception_row", &[("n", &n)]),
        kind_legend: locale.tf("form.hours.exception_kind", &[("n", &n)]),
        date: TextField::named(locale, DATE, name("datum"), input, problems),
        closed: radio(CLOSED, "form.hours.closed_all_day", !open),
        open: radio(OPEN, "form.hours.open_other_times", open),
        opens: TextField::named(locale, OPENS, name("open"), input, problems),
        closes: TextField::named(locale, CLOSES, name("dicht"), input, problems),
        reason: TextField::named(locale, REASON, name("reden"), input, problems),
        kind_name,
    }
}

fn day_key(code: &str) -> String {
    format!("form.day.{code}")
}

/// Labels of the times of period `n`: "Van"/"Tot", then "En van"/"tot".
fn period_labels(n: usize) -> (&'static str, &'static str) {
    if n == 1 { ("form.hours.opens", "form.hours.closes") } else { ("form.hours.opens_again", "form.hours.closes") }
}

fn exception_rows(input: &FormInput) -> Vec<usize> {
    input.rows(EXCEPTION)
}

/// An exception row counts as empty when nothing was typed; its radio is always sent.
fn exception_is_empty(input: &FormInput, n: usize) -> bool {
    !input.any_filled(&["datum", "open", "dicht", "reden"].map(|f| row_name(EXCEPTION, n, f)))
}

/// Writes `hours` into `input` the way the editor posts them.
pub(crate) fn write(hours: &OpeningHours, input: &mut FormInput) {
    for (weekday, code) in DAYS {
        let prefix = format!("{WEEK}_{code}");
        for (i, period) in hours.weekly().iter().filter(|p| p.weekday == weekday).enumerate() {
            input.push(row_name(&prefix, i + 1, "open"), format_time(period.opens));
            input.push(row_name(&prefix, i + 1, "dicht"), format_time(period.closes));
        }
    }
    if hours.closed_on_public_holidays() {
        input.push(HOLIDAYS, TICKED);
    }
    for (i, exception) in hours.exceptions().iter().enumerate() {
        let name = |field| row_name(EXCEPTION, i + 1, field);
        input.push(name("datum"), format_date(exception.date));
        match exception.hours {
            ExceptionHours::Closed => input.push(name("soort"), CLOSED),
            ExceptionHours::Open { opens, closes } => {
                input.push(name("soort"), OPEN);
                input.push(name("open"), format_time(opens));
                input.push(name("dicht"), format_time(closes));
            }
        }
        input.push(name("reden"), exception.reason.clone().unwrap_or_default());
    }
    input.push(NOTES.name, hours.notes().unwrap_or_default());
}

/// Reads the editor; `None` when it has problems (they are in `reader`).
pub(crate) fn read(reader: &mut Reader<'_>) -> Option<OpeningHours> {
    let before = reader.problems.len();
    let mut weekly = Vec::new();
    for (weekday, code) in DAYS {
        weekly.extend(read_day(reader, weekday, code));
    }
    let exceptions = read_exceptions(reader);
    let closed_on_public_holidays = reader.input.has(HOLIDAYS, TICKED);
    let notes = reader.optional(NOTES);
    if reader.problems.len() > before {
        return None;
    }
    OpeningHours::new(weekly, exceptions, closed_on_public_holidays, notes)
        .map_err(|_| {
            // Every rule was checked per input above; this is a safety net.
            let message = reader.locale.t("form.hours.error_invalid");
            reader.problem(row_name(&format!("{WEEK}_ma"), 1, "open"), message);
        })
        .ok()
}

/// The periods of one weekday, each checked alone and then in pairs for overlap.
fn read_day(reader: &mut Reader<'_>, weekday: Weekday, code: &str) -> Vec<WeeklyHours> {
    let prefix = format!("{WEEK}_{code}");
    let day = reader.locale.t(&day_key(code));
    let mut periods: Vec<(String, WeeklyHours)> = Vec::new();
    for n in reader.input.rows(&prefix).into_iter().filter(|n| *n <= PERIODS_MAX) {
        let (open_name, close_name) = (row_name(&prefix, n, "open"), row_name(&prefix, n, "dicht"));
        if let Some((opens, closes)) = read_period(reader, day, &open_name, &close_name) {
            let period = WeeklyHours { weekday, opens, closes };
            if OpeningHours::new(vec![period], vec![], false, None).is_ok() {
                periods.push((open_name, period));
            } else {
                let message = reader.locale.tf("form.hours.error_order", &[("what", &day)]);
                reader.problem(close_name, message);
            }
        }
    }
    periods.sort_by_key(|(_, p)| p.opens);
    for pair in periods.windows(2) {
        let both = vec![pair[0].1, pair[1].1];
        if matches!(OpeningHours::new(both, vec![], false, None), Err(InvalidHours::Overlap { .. })) {
            let message = reader.locale.tf("form.hours.error_overlap", &[("what", &day)]);
            reader.problem(pair[1].0.clone(), message);
        }
    }
    periods.into_iter().map(|(_, p)| p).collect()
}

/// An opening and a closing time, both present and both times; `None` when the pair
/// is empty or has a problem.
fn read_period(
    reader: &mut Reader<'_>,
    what: &str,
    open_name: &str,
    close_name: &str,
) -> Option<(TimeOfDay, TimeOfDay)> {
    let (raw_open, raw_close) = (reader.input.get(open_name).trim(), reader.input.get(close_name).trim());
    let (raw_open, raw_close) = (raw_open.to_owned(), raw_close.to_owned());
    match (raw_open.is_empty(), raw_close.is_empty()) {
        (true, true) => return None,
        (true, false) => {
            let message = reader.locale.tf("form.hours.error_opens_missing", &[("what", &what)]);
            reader.problem(open_name, message);
            return None;
        }
        (false, true) => {
            let message = reader.locale.tf("form.hours.error_closes_missing", &[("what", &what)]);
            reader.problem(close_name, message);
            return None;
        }
        (false, false) => {}
    }
    let mut time = |raw: &str, name: &str, closing| match parse_time(raw, closing) {
        Ok(time) => Some(time),
        Err(_) => {
            let message = reader.locale.tf("form.hours.error_time", &[("what", &what), ("value", &raw)]);
            reader.problem(name, message);
            None
        }
    };
    let opens = time(&raw_open, open_name, false);
    let closes = time(&raw_close, close_name, true);
    Some((opens?, closes?))
}

fn read_exceptions(reader: &mut Reader<'_>) -> Vec<DateException> {
    let mut exceptions: Vec<DateException> = Vec::new();
    let mut count = 0;
    for n in exception_rows(reader.input) {
        if exception_is_empty(reader.input, n) {
            continue;
        }
        count += 1;
        let name = |field| row_name(EXCEPTION, n, field);
        let what = reader.locale.tf("form.hours.exception_row", &[("n", &n)]);
        if count > EXCEPTIONS_MAX {
            let message = reader.locale.tf("form.hours.error_too_many", &[("max", &EXCEPTIONS_MAX)]);
            reader.problem(name("datum"), message);
            break;
        }
        let date = read_date(reader, &what, &name("datum"));
        let times_typed = reader.input.any_filled(&[name("open"), name("dicht")]);
        let hours = if reader.input.get(&name("soort")) == OPEN {
            if times_typed {
                read_period(reader, &what, &name("open"), &name("dicht"))
                    .map(|(opens, closes)| ExceptionHours::Open { opens, closes })
            } else {
                let message = reader.locale.tf("form.hours.error_opens_missing", &[("what", &what)]);
                reader.problem(name("open"), message);
                None
            }
        } else if times_typed {
            let message = reader.locale.tf("form.hours.error_closed_with_times", &[("what", &what)]);
            reader.problem(name("open"), message);
            None
        } else {
            Some(ExceptionHours::Closed)
        };
        let reason = reader.optional_named(REASON, &name("reden"));
        let (Some(date), Some(hours)) = (date, hours) else { continue };
        let exception = DateException { date, hours, reason };
        if let Err(error) = check_exception(&exceptions, &exception) {
            let (field, key) = match error {
                InvalidHours::DuplicateException(_) => (name("datum"), "form.hours.error_duplicate"),
                _ => (name("dicht"), "form.hours.error_order"),
            };
            let message = reader.locale.tf(key, &[("what", &what)]);
            reader.problem(field, message);
            continue;
        }
        exceptions.push(exception);
    }
    exceptions
}

/// Whether `exception` fits with those read before it, by the domain's rules.
fn check_exception(before: &[DateException], exception: &DateException) -> Result<(), InvalidHours> {
    let mut all = before.to_vec();
    all.push(exception.clone());
    OpeningHours::new(vec![], all, false, None).map(|_| ())
}

fn read_date(reader: &mut Reader<'_>, what: &str, name: &str) -> Option<chrono::NaiveDate> {
    let raw = reader.input.get(name).trim().to_owned();
    if raw.is_empty() {
        let message = reader.locale.tf("form.hours.error_date_missing", &[("what", &what)]);
        reader.problem(name, message);
        return None;
    }
    parse_date(&raw).or_else(|| {
        let message = reader.locale.tf("form.hours.error_date", &[("what", &what), ("value", &raw)]);
        reader.problem(name, message);
        None
    })
}
