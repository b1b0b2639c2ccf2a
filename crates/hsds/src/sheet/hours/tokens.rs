//! The words of an opening-hours text: days, times, "-"/"t/m"/"tot", "en"/",", and
//! "gesloten"; filler words ("van", "uur", "op") are dropped.

use super::super::text::fold;
use chrono::Weekday;
use wegwijs_domain::schedule::TimeOfDay;

pub(super) const ALL_DAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    Day(Weekday),
    /// "dagelijks", "werkdagen", "weekend".
    Days(Vec<Weekday>),
    Time(TimeOfDay),
    /// "-", "t/m", "tot": between two days or two times.
    Range,
    /// ",", "en", "&", "/": another day or period follows.
    And,
    /// "gesloten": the days before it have no hours.
    Closed,
}

/// Folded text with one spelling for the phrases that mean the same.
pub(super) fn normalise(text: &str) -> String {
    let mut text = fold(text).replace(['–', '—', '‑', '−'], "-");
    for (phrase, word) in [
        ("tot en met", " tm "),
        ("t/m", " tm "),
        ("t.m.", " tm "),
        ("elke dag", " dagelijks "),
        ("iedere dag", " dagelijks "),
        ("alle dagen", " dagelijks "),
        ("7 dagen per week", " dagelijks "),
        ("door de week", " werkdagen "),
        ("doordeweeks", " werkdagen "),
        ("weekdagen", " werkdagen "),
        ("in het weekend", " weekend "),
    ] {
        text = text.replace(phrase, word);
    }
    text
}

/// Whether `folded` names a day anywhere.
pub(super) fn has_day(folded: &str) -> bool {
    folded.split(|c: char| !c.is_alphanumeric()).any(|word| day(word).is_some() || days(word).is_some())
}

/// The tokens of a normalised clause, or the first word that is not understood.
pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c.is_ascii_digit() {
            let (time, next) = time(&chars, at)?;
            tokens.push(Token::Time(time));
            at = next;
            continue;
        }
        if c.is_alphabetic() || c == '\'' {
            let start = at;
            while at < chars.len() && (chars[at].is_alphabetic() || chars[at] == '\'') {
                at += 1;
            }
            let word: String = chars[start..at].iter().collect();
            tokens.extend(word_token(&word)?);
            continue;
        }
        match c {
            '-' => tokens.push(Token::Range),
            ',' | '&' | '+' | '/' => tokens.push(Token::And),
            ':' | '.' | ' ' | '\t' => {}
            other => return Err(other.to_string()),
        }
        at += 1;
    }
    Ok(tokens)
}

fn word_token(word: &str) -> Result<Option<Token>, String> {
    let word = word.trim_matches('\'');
    if let Some(day) = day(word) {
        return Ok(Some(Token::Day(day)));
    }
    if let Some(days) = days(word) {
        return Ok(Some(Token::Days(days)));
    }
    Ok(match word {
        "tm" | "tot" | "till" | "to" | "until" => Some(Token::Range),
        "en" | "and" => Some(Token::And),
        "gesloten" | "dicht" | "closed" => Some(Token::Closed),
        "van" | "vanaf" | "from" | "op" | "s" | "open" | "geopend" | "uur" | "u" | "h" | "om" | "en/of" | "" => None,
        other => return Err(other.to_owned()),
    })
}

/// A day name: Dutch or English, whole ("maandag"), abbreviated ("ma", "woe"), or
/// plural or adverbial ("maandagen", "maandags").
pub(super) fn day(word: &str) -> Option<Weekday> {
    const DUTCH: [&str; 7] = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
    const ENGLISH: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    if word.len() < 2 {
        return None;
    }
    let dutch = DUTCH.iter().position(|name| {
        name.starts_with(word) || word.strip_suffix('s').or_else(|| word.strip_suffix("en")) == Some(name)
    });
    // "we" is an English abbreviation, but far more often the Dutch "we" (we are open).
    let english = || ENGLISH.iter().position(|name| word != "we" && name.starts_with(word));
    dutch.or_else(english).map(|index| ALL_DAYS[index])
}

fn days(word: &str) -> Option<Vec<Weekday>> {
    match word {
        "dagelijks" | "daily" => Some(ALL_DAYS.to_vec()),
        "werkdagen" | "werkdag" | "weekdays" => Some(ALL_DAYS[..5].to_vec()),
        "weekend" | "weekenden" | "weekends" => Some(ALL_DAYS[5..].to_vec()),
        _ => None,
    }
}

/// A time starting at `chars[at]`: `9`, `09`, `9:30`, `9.30`, `9u30`, `9h`, `0930`,
/// with an optional `u`/`uur`/`h` after it. Gives the time and the index after it.
fn time(chars: &[char], start: usize) -> Result<(TimeOfDay, usize), String> {
    let digits = |from: usize| chars[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let written = |end: usize| chars[start..end].iter().collect::<String>();
    let hour_digits = digits(start);
    let mut at = start + hour_digits;
    let number: u16 = written(at).parse().map_err(|_| written(at))?;
    let (hours, minutes) = if hour_digits > 4 {
        return Err(written(at));
    } else if hour_digits > 2 {
        (number / 100, number % 100)
    } else if chars.get(at).is_some_and(|c| matches!(c, ':' | '.' | 'u' | 'h')) && digits(at + 1) == 2 {
        let minutes: u16 = written(at + 3)[hour_digits + 1..].parse().map_err(|_| written(at + 3))?;
        at += 3;
        (number, minutes)
    } else {
        (number, 0)
    };
    for unit in ["uur", "u", "h"] {
        let unit: Vec<char> = unit.chars().collect();
        let follows = chars[at..].starts_with(&unit) && chars.get(at + unit.len()).is_none_or(|c| !c.is_alphabetic());
        if follows {
            at += unit.len();
            break;
        }
    }
    let time = TimeOfDay::from_hm(hours, minutes).map_err(|_| written(at))?;
    Ok((time, at))
}
