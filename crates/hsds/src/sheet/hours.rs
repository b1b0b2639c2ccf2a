//! Opening hours in the words people type into a spreadsheet cell:
//! `ma-vr 9:00-17:00; za 10-12`, `maandag t/m vrijdag 09.00–17.00 uur`,
//! `ma, wo en vr van 9 tot 12 uur`, `di 9-12 en 13-17`, `dagelijks 8-20`,
//! `za en zo gesloten`, `gesloten op feestdagen`. A part without days or times
//! ("op afspraak") is kept as a note; a part that looks like hours but cannot be read
//! is refused with the words that stopped the reader, so nothing is silently lost.

mod tokens;

use chrono::Weekday;
use tokens::{Token, tokenize};
use wegwijs_domain::schedule::TimeOfDay;

/// What an opening-hours cell says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Hours {
    /// Weekly periods, in the order written.
    pub(crate) weekly: Vec<(Weekday, TimeOfDay, TimeOfDay)>,
    pub(crate) closed_on_public_holidays: bool,
    /// Parts that are not hours, as written ("Op afspraak").
    pub(crate) notes: Vec<String>,
}

/// Reads one cell. `default_days` are the days of a column per day (a header
/// "Maandag"): times without days in such a column are for those days.
pub(crate) fn parse_hours(raw: &str, default_days: &[Weekday]) -> Result<Hours, String> {
    let mut hours = Hours::default();
    for clause in raw.split([';', '\n', '(', ')', '|']).flat_map(sentences) {
        let clause = clause.trim().trim_end_matches('.').trim();
        if clause.is_empty() {
            continue;
        }
        let folded = tokens::normalise(clause);
        if folded.contains("feestdag") {
            hours.closed_on_public_holidays |= ["gesloten", "dicht", "niet", "geen"].iter().any(|w| folded.contains(w));
            continue;
        }
        if ["24/7", "24 uur per dag", "dag en nacht", "altijd open", "altijd bereikbaar"]
            .iter()
            .any(|w| folded.contains(w))
        {
            let all = tokens::ALL_DAYS;
            hours.weekly.extend(all.iter().map(|&day| (day, TimeOfDay::START_OF_DAY, TimeOfDay::END_OF_DAY)));
            continue;
        }
        match tokenize(&folded) {
            Ok(tokens) if tokens.iter().any(|t| matches!(t, Token::Day(_) | Token::Time(_))) => {
                hours.weekly.extend(periods(&tokens, default_days).map_err(|why| format!("{clause:?}: {why}"))?);
            }
            // Nothing that looks like a day or a time: a remark such as "op afspraak".
            Ok(_) => hours.notes.push(clause.to_owned()),
            Err(_) if !clause.chars().any(|c| c.is_ascii_digit()) && !tokens::has_day(&folded) => {
                hours.notes.push(clause.to_owned())
            }
            Err(word) => {
                return Err(format!(
                    "{clause:?}: cannot read {word:?}; write hours like \"ma-vr 9:00-17:00; za 10:00-12:00\""
                ));
            }
        }
    }
    Ok(hours)
}

/// A part split into sentences: at ". " before a capital ("17.00 uur. Op afspraak"),
/// but not after a day ("Ma. Di. 9-12", "ma. t/m vr.").
fn sentences(part: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in part.match_indices(". ") {
        let capital = part[at + 2..].chars().next().is_some_and(char::is_uppercase);
        let word = part[start..at].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        if capital && tokens::day(&tokens::normalise(word)).is_none() {
            out.push(&part[start..at]);
            start = at + 2;
        }
    }
    out.push(&part[start..]);
    out
}

/// The days a column header names ("Maandag", "Openingstijden di"); empty for others.
pub(crate) fn header_days(header: &str) -> Vec<Weekday> {
    let folded = tokens::normalise(header);
    folded.split(|c: char| !c.is_alphanumeric()).filter_map(tokens::day).collect()
}

/// A group being read: days, then their time ranges.
#[derive(Default)]
struct Group {
    days: Vec<Weekday>,
    times: Vec<(TimeOfDay, TimeOfDay)>,
    closed: bool,
}

/// The weekly periods of one clause.
fn periods(tokens: &[Token], default_days: &[Weekday]) -> Result<Vec<(Weekday, TimeOfDay, TimeOfDay)>, String> {
    let mut out = Vec::new();
    let mut group = Group::default();
    let mut open: Option<TimeOfDay> = None;
    let mut range = false;
    let mut after_day = false;
    for token in tokens {
        match token {
            Token::Day(_) | Token::Days(_) if !group.times.is_empty() || group.closed => {
                flush(&mut group, default_days, &mut out)?;
                add_days(&mut group, token, false);
            }
            Token::Day(_) | Token::Days(_) => {
                if range && !after_day {
                    return Err("a range of days must start with a day".to_owned());
                }
                add_days(&mut group, token, range);
                range = false;
            }
            Token::Range if open.is_some() || after_day => range = true,
            Token::Range => return Err("a dash or \"t/m\" must stand between two days or two times".to_owned()),
            Token::Time(time) => match open.take() {
                Some(opens) if range => {
                    group.times.push((opens, *time));
                    range = false;
                }
                Some(opens) => return Err(format!("{opens} and {time} need a dash between them: {opens}-{time}")),
                None if range => return Err(format!("a range of days cannot end with the time {time}")),
                None => open = Some(*time),
            },
            Token::And if range => return Err("a dash or \"t/m\" is not followed by a day or time".to_owned()),
            Token::And => {}
            Token::Closed if open.is_some() => return Err("\"gesloten\" cannot stand inside a time range".to_owned()),
            Token::Closed => group.closed = true,
        }
        after_day = matches!(token, Token::Day(_) | Token::Days(_)) || (after_day && matches!(token, Token::Range));
    }
    if let Some(opens) = open {
        return Err(format!("{opens} has no closing time; write it as {opens}-17:00"));
    }
    if range {
        return Err("it ends with a dash or \"t/m\"".to_owned());
    }
    flush(&mut group, default_days, &mut out)?;
    Ok(out)
}

/// Adds a day, a set of days, or (after a dash) every day up to and including it.
fn add_days(group: &mut Group, token: &Token, through: bool) {
    match token {
        Token::Day(last) if through => {
            let Some(&first) = group.days.last() else { return };
            let mut day = first.succ();
            while day != *last {
                group.days.push(day);
                day = day.succ();
            }
            group.days.push(*last);
        }
        Token::Day(day) => group.days.push(*day),
        Token::Days(days) => group.days.extend(days.iter().copied()),
        _ => {}
    }
}

fn flush(
    group: &mut Group,
    default_days: &[Weekday],
    out: &mut Vec<(Weekday, TimeOfDay, TimeOfDay)>,
) -> Result<(), String> {
    let group = std::mem::take(group);
    let days = if group.days.is_empty() { default_days.to_vec() } else { group.days };
    if days.is_empty() && !group.times.is_empty() {
        return Err("the times are not given a day; write the days before them, e.g. ma-vr 9:00-17:00".to_owned());
    }
    if group.times.is_empty() && !group.closed && !days.is_empty() {
        return Err("a day has no times; write e.g. \"ma 9:00-12:00\", or \"za gesloten\"".to_owned());
    }
    for day in days {
        out.extend(group.times.iter().map(|&(opens, closes)| (day, opens, closes)));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
