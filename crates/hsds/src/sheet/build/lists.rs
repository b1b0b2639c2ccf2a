//! The coded parts of a service: themes, who it is for (ages, target groups), what
//! it costs and who pays, where residents must live, and who refers. Each cell is
//! read with the Dutch words people use; what cannot be read is a problem at its cell.

use super::super::field::Field;
use super::super::grid::GridRow;
use super::super::money::{Cost, parse_cost};
use super::super::text::split_list;
use super::super::words;
use super::{Builder, RowNotes};
use serde_json::{Map, Number, Value, json};
use wegwijs_domain::{FundingScheme, Id};

pub(super) fn add(
    b: &Builder<'_>,
    row: &GridRow,
    service: &Id,
    object: &mut Map<String, Value>,
    notes: &mut RowNotes<'_, '_>,
) {
    let derived = |kind: &str, key: &str| Id::derived(&format!("wegwijs-sheet/{kind}"), &format!("{service}/{key}"));
    let mut terms: Vec<Id> = Vec::new();
    for cell in b.binding.values(Field::Themes, row) {
        for found in b.terms.resolve_cell(&cell.text) {
            match found {
                Ok(term) if !terms.contains(&term) => terms.push(term),
                Ok(_) => {}
                Err(why) => notes.problem(&cell, &why),
            }
        }
    }
    let attributes: Vec<Value> = terms
        .iter()
        .map(|term| {
            json!({ "id": derived("attribute", term.as_str()), "link_id": service, "link_entity": "service",
                    "link_type": "service", "taxonomy_term_id": term })
        })
        .collect();
    object.insert("attributes".into(), json!(attributes));

    let mut groups: Vec<&str> = Vec::new();
    for cell in b.binding.values(Field::TargetGroups, row) {
        for part in split_list(&cell.text) {
            match words::target_group(part) {
                Ok(group) if !groups.contains(&group.code()) => groups.push(group.code()),
                Ok(_) => {}
                Err(why) => notes.problem(&cell, &why),
            }
        }
    }
    if !groups.is_empty() {
        object.insert("eligibility".into(), json!({ "target_groups": groups }));
    }
    ages(b, row, object, notes);

    let mut funding: Vec<FundingScheme> = Vec::new();
    if let Some(cell) = b.binding.value(Field::Costs, row) {
        let option = |amount: Option<f64>, label: Option<String>, words: Option<&str>| {
            let mut option = json!({ "id": derived("cost_option", "0"), "option": label.unwrap_or_else(|| "Kosten".into()),
                                     "currency": "EUR" });
            if let Some(amount) = amount.and_then(Number::from_f64) {
                option["amount"] = Value::Number(amount);
            }
            if let Some(words) = words {
                option["amount_description"] = json!(words);
            }
            option
        };
        match parse_cost(&cell.text) {
            Ok(Cost::Free) => funding.push(FundingScheme::Gratis),
            Ok(Cost::Amount { cents, label }) => {
                object.insert("cost_options".into(), json!([option(Some(f64::from(cents) / 100.0), label, None)]));
            }
            Ok(Cost::Words(text)) => {
                object.insert("cost_options".into(), json!([option(None, None, Some(&text))]));
            }
            Err(why) => notes.problem(&cell, &why),
        }
    }
    for cell in b.binding.values(Field::Funding, row) {
        for part in split_list(&cell.text) {
            match words::funding(part) {
                Ok(scheme) if !funding.contains(&scheme) => funding.push(scheme),
                Ok(_) => {}
                Err(why) => notes.problem(&cell, &why),
            }
        }
    }
    let funding: Vec<Value> = funding
        .iter()
        .map(|scheme| json!({ "id": derived("funding", scheme.code()), "source": scheme.code(), "scheme": scheme.code() }))
        .collect();
    object.insert("funding".into(), json!(funding));

    let areas: Vec<Value> = b
        .binding
        .values(Field::ServiceArea, row)
        .iter()
        .flat_map(|cell| split_list(&cell.text).map(str::to_owned).collect::<Vec<_>>())
        .map(|area| {
            let (kind, code) = area_kind(&area);
            json!({ "id": derived("service_area", &code), "name": area, "extent": code, "extent_type": kind })
        })
        .collect();
    object.insert("service_areas".into(), json!(areas));
    referral(b, row, object, notes);
}

fn ages(b: &Builder<'_>, row: &GridRow, object: &mut Map<String, Value>, notes: &mut RowNotes<'_, '_>) {
    let (mut min, mut max) = (None, None);
    if let Some(cell) = b.binding.value(Field::Age, row) {
        match words::age_range(&cell.text) {
            Ok(range) => (min, max) = range,
            Err(why) => notes.problem(&cell, &why),
        }
    }
    for (field, bound) in [(Field::MinAge, &mut min), (Field::MaxAge, &mut max)] {
        if let Some(cell) = b.binding.value(field, row) {
            match words::age(&cell.text) {
                Ok(age) => *bound = Some(age),
                Err(why) => notes.problem(&cell, &why),
            }
        }
    }
    if let Some(min) = min {
        object.insert("minimum_age".into(), json!(min));
    }
    if let Some(max) = max {
        object.insert("maximum_age".into(), json!(max));
    }
}

/// An area's kind and code: "Nederland", a CBS municipality (GM1525) or district
/// (WK152501) code, a four-digit postcode area, or else a place name.
fn area_kind(area: &str) -> (&'static str, String) {
    let upper = area.trim().to_uppercase();
    let digits = |text: &str, n: usize| text.len() == n && text.bytes().all(|b| b.is_ascii_digit());
    if matches!(upper.as_str(), "NEDERLAND" | "LANDELIJK" | "NL") {
        ("nederland", "NL".to_owned())
    } else if upper.strip_prefix("GM").is_some_and(|rest| digits(rest, 4)) {
        ("gemeente", upper)
    } else if upper.strip_prefix("WK").is_some_and(|rest| digits(rest, 6)) {
        ("wijk", upper)
    } else if digits(&upper, 4) {
        ("postcode", upper)
    } else {
        ("woonplaats", area.trim().to_owned())
    }
}

fn referral(b: &Builder<'_>, row: &GridRow, object: &mut Map<String, Value>, notes: &mut RowNotes<'_, '_>) {
    let how = b.binding.value(Field::ReferralHow, row).map(|cell| cell.text);
    let route = match b.binding.value(Field::Referral, row) {
        Some(cell) => match words::referral(&cell.text) {
            Ok(route) => route,
            Err(why) => return notes.problem(&cell, &why),
        },
        None if how.is_none() => return,
        None => wegwijs_domain::ReferralRoute::None,
    };
    let required = route != wegwijs_domain::ReferralRoute::None;
    object.insert("referral".into(), json!({ "required": required, "route": route.code(), "how": how }));
}
