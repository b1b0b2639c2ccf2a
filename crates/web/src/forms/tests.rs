//! Tests of the forms through their fragments: records are rendered, the rendered
//! inputs are read back the way a browser would post them, and the result is read
//! into a record again. That checks names in templates and code agree.

mod hours;
mod keys;
mod location;
mod organisation;
mod service;

use super::*;
use crate::i18n::Locale;
use askama::Template;
use chrono::{TimeZone, Utc};
use wegwijs_domain::schedule::{DateException, ExceptionHours, OpeningHours, TimeOfDay, WeeklyHours};
use wegwijs_domain::*;

/// A page around the service fragment, shaped like the lead's pages.
#[derive(Template)]
#[template(
    source = r#"{% include "forms/error_summary.html" %}{% include "forms/service.html" %}{% include "forms/readability.html" %}"#,
    ext = "html"
)]
pub(super) struct ServicePage {
    pub locale: Locale,
    pub fields: ServiceFields,
    pub problems: Vec<FieldProblem>,
    pub readability: Option<ReadabilityView>,
}

/// A page around the organisation fragment.
#[derive(Template)]
#[template(source = r#"{% include "forms/error_summary.html" %}{% include "forms/organisation.html" %}"#, ext = "html")]
pub(super) struct OrganisationPage {
    pub locale: Locale,
    pub fields: OrganisationFields,
    pub problems: Vec<FieldProblem>,
}

/// A page around the location fragment.
#[derive(Template)]
#[template(source = r#"{% include "forms/error_summary.html" %}{% include "forms/location.html" %}"#, ext = "html")]
pub(super) struct LocationPage {
    pub locale: Locale,
    pub fields: LocationFields,
    pub problems: Vec<FieldProblem>,
}

pub(super) fn id(raw: &str) -> Id {
    Id::parse(raw).unwrap()
}

pub(super) fn time(raw: &str) -> TimeOfDay {
    TimeOfDay::parse(raw).unwrap()
}

pub(super) fn input(pairs: &[(&str, &str)]) -> FormInput {
    FormInput::new(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
}

/// `base`'s posted form with `changes` applied: each name replaced (or added).
pub(super) fn changed(base: &FormInput, changes: &[(&str, &str)]) -> FormInput {
    let mut pairs: Vec<(String, String)> = base.pairs().to_vec();
    for (name, value) in changes {
        match pairs.iter_mut().find(|(k, _)| k == name) {
            Some(pair) => pair.1 = (*value).to_owned(),
            None => pairs.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    FormInput::new(pairs)
}

pub(super) fn meta() -> RecordMeta {
    RecordMeta::new(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap(), Source::named("test"))
}

pub(super) fn phone(raw_id: &str, number: &str, kind: PhoneKind, description: Option<&str>) -> Phone {
    Phone {
        id: id(raw_id),
        number: PhoneNumber::parse(number).unwrap(),
        kind,
        description: description.map(str::to_owned),
    }
}

/// Hours with every part the editor has: two periods on a day, an evening until
/// midnight, a closed and an open exception, holidays and a note.
pub(super) fn full_hours() -> OpeningHours {
    let period = |weekday, opens, closes| WeeklyHours { weekday, opens: time(opens), closes: time(closes) };
    OpeningHours::new(
        vec![
            period(chrono::Weekday::Mon, "09:00", "12:00"),
            period(chrono::Weekday::Mon, "13:00", "17:00"),
            period(chrono::Weekday::Wed, "09:30", "12:30"),
            period(chrono::Weekday::Fri, "19:00", "24:00"),
        ],
        vec![
            DateException {
                date: chrono::NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
                hours: ExceptionHours::Open { opens: time("09:00"), closes: time("12:00") },
                reason: Some("Kerstavond: korter open".into()),
            },
            DateException {
                date: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
                hours: ExceptionHours::Closed,
                reason: None,
            },
        ],
        true,
        Some("Op afspraak ook ’s avonds.".into()),
    )
    .unwrap()
}

/// What a browser posts for the form in `html`: every named input, textarea and
/// select in document order; unticked checkboxes and radios are not sent.
pub(super) fn posted(html: &str) -> FormInput {
    let mut pairs = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        let tag_end = rest.find('>').expect("a tag ends");
        let tag = &rest[..=tag_end];
        let after = &rest[tag_end + 1..];
        if tag.starts_with("<input ") {
            let kind = attribute(tag, "type").unwrap_or_else(|| "text".into());
            if let Some(name) = attribute(tag, "name") {
                let ticked = tag.contains(" checked");
                if !matches!(kind.as_str(), "checkbox" | "radio") || ticked {
                    pairs.push((name, attribute(tag, "value").unwrap_or_default()));
                }
            }
        } else if tag.starts_with("<textarea ") {
            let name = attribute(tag, "name").expect("a named textarea");
            let end = after.find("</textarea>").expect("a closed textarea");
            let text = &after[..end];
            // HTML drops one line break right after the start tag.
            pairs.push((name, unescape(text.strip_prefix('\n').unwrap_or(text))));
        } else if tag.starts_with("<select ") {
            let name = attribute(tag, "name").expect("a named select");
            let body = &after[..after.find("</select>").expect("a closed select")];
            let options: Vec<&str> = body.split("<option ").skip(1).collect();
            let chosen =
                options.iter().find(|o| o.split('>').next().unwrap().contains(" selected")).or(options.first());
            if let Some(option) = chosen {
                pairs.push((name, attribute(&format!("<option {option}"), "value").unwrap_or_default()));
            }
        }
        rest = after;
    }
    FormInput::new(pairs)
}

/// The value of attribute `name` in the start tag `tag`, unescaped.
pub(super) fn attribute(tag: &str, name: &str) -> Option<String> {
    let tag = tag.split('>').next()?;
    let at = tag.find(&format!(" {name}=\""))?;
    let value = &tag[at + name.len() + 3..];
    Some(unescape(&value[..value.find('"')?]))
}

/// Undoes askama's escaping (numeric character references).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("a reference ends") + at;
        let code = &rest[at + 2..end];
        let number = match code.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
            None => code.parse().unwrap(),
        };
        out.push(char::from_u32(number).unwrap());
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
}

/// The problems of a read that should have failed, as (field, message) for asserts.
pub(super) fn fields_of(problems: &[FieldProblem]) -> Vec<&str> {
    problems.iter().map(|p| p.field.as_str()).collect()
}

/// Checks that every problem's field is an input on the rendered page, marked invalid,
/// with the message next to it, and that the summary links to it.
pub(super) fn assert_problems_shown(html: &str, problems: &[FieldProblem]) {
    for problem in problems {
        let id = format!("id=\"{}\"", problem.field);
        let at = html.find(&id).unwrap_or_else(|| panic!("no input with {id} on the page for {problem:?}"));
        assert!(html.contains(&format!("href=\"#{}\"", problem.field)), "no summary link to {}", problem.field);
        let start = html[..at].rfind('<').unwrap();
        let tag = &html[start..start + html[start..].find('>').unwrap()];
        let is_group_option = tag.contains("type=\"checkbox\"") || tag.contains("type=\"radio\"");
        assert!(
            is_group_option || tag.contains("aria-invalid=\"true\""),
            "{} is not marked invalid: {tag}",
            problem.field
        );
        assert!(!problem.message.contains('{') && problem.message != "?", "unfilled message {problem:?}");
    }
}

#[test]
fn the_scraper_reads_what_browsers_send() {
    let html = r#"<input type="hidden" name="a" value="1&#38;2"><input type="checkbox" name="b" value="x"><input type="checkbox" name="b" value="y" checked><textarea id="t" name="t">
&#60;b&#62;</textarea><select id="s" name="s"><option value="p">P</option><option value="q" selected>Q</option></select>"#;
    assert_eq!(
        posted(html).pairs(),
        [("a".into(), "1&2".into()), ("b".into(), "y".into()), ("t".into(), "<b>".into()), ("s".into(), "q".into())]
    );
}
