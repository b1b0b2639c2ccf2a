//! What a search answers: locations in the query, filters and facets, privacy, open
//! now, paging and bad input.

use crate::support::{demo, index_of, now, request, search};
use wegwijs_search::{Audience, Facet, Sort};

#[test]
fn a_place_in_the_query_becomes_the_location_and_ranks_nearby_services_first() {
    let results = search(&request("maaltijden aan huis Warmond"));
    assert_eq!(results.near.as_ref().map(|n| n.label.as_str()), Some("Warmond"));
    assert_eq!(results.interpretation.place_in_query.as_deref(), Some("Warmond"));
    assert!(!results.interpretation.words.iter().any(|w| w == "warmond"), "the place is not a word to match");
    let first = results.hits.first().expect("hits");
    assert!(first.distance_km.expect("distance") < 10.0, "{first:?}");
}

#[test]
fn a_postcode_in_the_query_sorts_by_distance_when_asked() {
    let mut req = request("huiswerkbegeleiding 2215");
    req.sort = Sort::Distance;
    req.limit = 20;
    let results = search(&req);
    assert!(results.near.is_some());
    let distances: Vec<f64> = results.hits.iter().filter_map(|h| h.distance_km).collect();
    assert!(distances.len() >= 2 && distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
}

#[test]
fn facet_filters_narrow_results_and_counts_add_up() {
    let all = search(&request("hulp"));
    let theme = all.facets.iter().find(|f| f.facet == Facet::Theme).expect("theme facet");
    let top = theme.values.first().expect("a theme value");
    let mut req = request("hulp");
    req.filters.insert(Facet::Theme, vec![top.value.clone()]);
    let filtered = search(&req);
    assert_eq!(filtered.total, top.count, "the count promised is the count delivered");
    assert!(filtered.hits.iter().all(|h| h.themes.contains(&top.value)));
    let selected = filtered.facets.iter().find(|f| f.facet == Facet::Theme).unwrap();
    assert!(selected.values.iter().any(|v| v.value == top.value && v.selected));
}

#[test]
fn a_facet_with_a_selection_counts_its_other_values_as_alternatives() {
    // Checking a second theme adds its services (theme A or B), so each theme must show
    // its count as if no theme were chosen; other facets count within the selection.
    let all = search(&request("hulp"));
    let themes = |r: &wegwijs_search::SearchResults| -> Vec<(String, u64)> {
        let facet = r.facets.iter().find(|f| f.facet == Facet::Theme).unwrap();
        facet.values.iter().map(|v| (v.value.clone(), v.count)).collect()
    };
    let (first, first_count) = themes(&all)[0].clone();
    let (second, second_count) = themes(&all)[1].clone();
    let mut one = request("hulp");
    one.filters.insert(Facet::Theme, vec![first.clone()]);
    let narrowed = search(&one);
    assert_eq!(themes(&narrowed), themes(&all), "theme counts ignore the theme selection");
    let cost_total: u64 =
        narrowed.facets.iter().find(|f| f.facet == Facet::Cost).unwrap().values.iter().map(|v| v.count).sum();
    assert!(cost_total <= narrowed.total * 2 && cost_total < all.total, "other facets count within the selection");
    let mut both = request("hulp");
    both.filters.insert(Facet::Theme, vec![first, second]);
    let widened = search(&both);
    assert!(widened.total > first_count.max(second_count) || widened.total == first_count + second_count);
    assert!(widened.total <= first_count + second_count);
}

#[test]
fn an_unknown_filter_value_gives_no_results_rather_than_an_error() {
    let mut req = request("hulp");
    req.filters.insert(Facet::Theme, vec!["bestaat-niet".into()]);
    assert_eq!(search(&req).total, 0);
}

#[test]
fn age_and_radius_filters_hold_for_every_hit() {
    let mut req = request("");
    req.age = Some(8);
    req.limit = 100;
    let kids = search(&req);
    assert!(kids.total > 0);
    let demo = demo();
    for hit in &kids.hits {
        let service = demo.data.services.iter().find(|s| s.id.to_string() == hit.id).unwrap();
        assert!(service.eligibility.admits_age(8), "{} does not admit 8-year-olds", hit.name);
    }
    let mut req = request("zwemles Sassenheim");
    req.radius_km = Some(3.0);
    req.limit = 100;
    let near = search(&req);
    assert!(near.hits.iter().all(|h| h.distance_km.is_none_or(|d| d <= 3.0)));
    assert!(near.total < search(&request("zwemles Sassenheim")).total);
}

#[test]
fn open_now_counts_and_filters_agree() {
    let all = search(&request(""));
    assert!(all.open_now > 0 && all.open_now < all.total, "on a Monday morning some are open: {}", all.open_now);
    let mut req = request("");
    req.open_now = true;
    req.limit = 50;
    let open = search(&req);
    assert_eq!(open.total, all.open_now);
    let demo = demo();
    for hit in &open.hits {
        let service = demo.data.services.iter().find(|s| s.id.to_string() == hit.id).unwrap();
        let open_somewhere = service.opening_hours.is_open_at(now()) == Some(true)
            || service.locations.iter().any(|l| l.opening_hours.is_open_at(now()) == Some(true));
        assert!(open_somewhere, "{} is not open at {}", hit.name, now());
    }
}

#[test]
fn professional_notes_are_never_found_or_shown_by_a_public_search() {
    let mut data = wegwijs_demo::generate(&wegwijs_demo::DemoConfig { services: 100, seed: 3, now: now() });
    data.services[0].professional_notes = Some("Direct lijntje: vraag naar Zwaantje Geheimzinnig".into());
    let index = index_of(&data);
    let public = index.search(&request("Geheimzinnig")).unwrap();
    assert_eq!(public.total, 0, "a public search must not match professional notes");
    let mut pro = request("Geheimzinnig");
    pro.audience = Audience::Professional;
    let found = index.search(&pro).unwrap();
    assert_eq!(found.hits.first().map(|h| h.id.clone()), Some(data.services[0].id.to_string()));
    let json = serde_json::to_string(&found).unwrap();
    assert!(!json.contains("Zwaantje"), "even a professional search does not put notes in snippets");
}

#[test]
fn explanations_show_the_factors_of_the_score() {
    let mut req = request("schuldhulpverlening 2171");
    req.explain = true;
    let hit = search(&req).hits.into_iter().next().expect("a hit");
    let e = hit.explanation.expect("explanation");
    assert!((e.score - e.text * e.locality * e.freshness).abs() < 1e-3, "{e:?}");
    assert!(e.covers_searcher.is_some() && e.distance_km.is_some());
}

#[test]
fn pages_do_not_overlap_and_a_page_far_beyond_the_end_is_empty() {
    let mut first = request("hulp");
    first.limit = 10;
    let mut second = first.clone();
    second.offset = 10;
    let (a, b) = (search(&first), search(&second));
    assert_eq!(a.total, b.total);
    assert!(a.hits.iter().all(|h| !b.hits.iter().any(|o| o.id == h.id)));
    let mut far = first.clone();
    far.offset = 1_000_000_000;
    let beyond = search(&far);
    assert!(beyond.hits.is_empty());
    assert_eq!(beyond.total, a.total);
}

#[test]
fn odd_input_gives_sensible_answers() {
    let everything = search(&request("")).total;
    let public = demo().data.services.iter().filter(|s| crate::support::is_public(s)).count();
    assert_eq!(everything as usize, public, "an empty query browses every public service");
    assert_eq!(search(&request("de het een ?!")).total, everything, "only stop words and punctuation: browse");
    for odd in ["🙂🙂", "مرحبا", "cafe\u{301}", &"schuld ".repeat(2_000), &"x".repeat(10_000), "\u{202e}gnirts", "\0"]
    {
        let results = search(&request(odd));
        assert!(results.hits.len() <= 10, "{odd:?}");
    }
    assert!(search(&request("cafe\u{301}")).total == search(&request("café")).total);
}

#[test]
fn deleted_and_deactivated_services_leave_the_index() {
    let data = wegwijs_demo::generate(&wegwijs_demo::DemoConfig { services: 100, seed: 5, now: now() });
    let index = index_of(&data);
    let before = index.len();
    let mut active = crate::support::records(&data)
        .into_iter()
        .filter(|r| r.service.status == wegwijs_domain::ServiceStatus::Active);
    let gone = active.next().unwrap().service.id;
    index.apply(&[], std::slice::from_ref(&gone), 2).unwrap();
    let mut record = active.next().unwrap();
    record.service.status = wegwijs_domain::ServiceStatus::Inactive;
    index.apply(&[record], &[], 3).unwrap();
    assert_eq!(index.len(), before - 2);
    assert_eq!(index.applied_seq().unwrap(), 3);
    let all = index.search(&request("")).unwrap();
    assert!(all.hits.iter().all(|h| h.id != gone.to_string()));
}

mod found_in_review {
    //! Bugs found in review; each test failed before its fix.

    use crate::support::{index_of, is_public, now, request, visibility};
    use chrono::{NaiveDate, Weekday};
    use wegwijs_domain::Name;
    use wegwijs_domain::schedule::{DateException, ExceptionHours, OpeningHours, TimeOfDay, WeeklyHours};
    use wegwijs_search::Facet;

    fn weekdays_nine_to_five(exceptions: Vec<DateException>) -> OpeningHours {
        let weekly = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]
            .into_iter()
            .map(|weekday| WeeklyHours {
                weekday,
                opens: TimeOfDay::parse("09:00").unwrap(),
                closes: TimeOfDay::parse("17:00").unwrap(),
            })
            .collect();
        OpeningHours::new(weekly, exceptions, false, None).unwrap()
    }

    fn small_demo() -> wegwijs_demo::DemoData {
        wegwijs_demo::generate(&wegwijs_demo::DemoConfig { services: 100, seed: 9, now: now() })
    }

    fn first_active_with_location(data: &mut wegwijs_demo::DemoData) -> &mut wegwijs_domain::Service {
        data.services.iter_mut().find(|s| is_public(s) && !s.locations.is_empty()).unwrap()
    }

    #[test]
    fn one_location_closed_on_a_date_does_not_close_the_whole_service() {
        let mut data = small_demo();
        let service = first_active_with_location(&mut data);
        service.name = Name::parse("Telefoonlijn Zilverreiger").unwrap();
        service.opening_hours = weekdays_nine_to_five(Vec::new());
        let closed_today = DateException {
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            hours: ExceptionHours::Closed,
            reason: Some("Studiedag".into()),
        };
        service.locations[0].opening_hours = weekdays_nine_to_five(vec![closed_today]);
        let index = index_of(&data);
        let mut req = request("zilverreiger");
        req.open_now = true;
        assert_eq!(index.search(&req).unwrap().total, 1, "the phone line is open on Monday at 11:00");
    }

    #[test]
    fn a_deleted_service_is_no_longer_suggested() {
        let mut data = small_demo();
        let service = first_active_with_location(&mut data);
        service.name = Name::parse("Zilverreigerloket").unwrap();
        let id = service.id.clone();
        let index = index_of(&data);
        assert_eq!(index.suggest("zilverreig", 5, &visibility()).unwrap().len(), 1);
        index.apply(&[], std::slice::from_ref(&id), 2).unwrap();
        assert!(index.suggest("zilverreig", 5, &visibility()).unwrap().is_empty());
    }

    #[test]
    fn a_language_listed_twice_counts_once() {
        let mut data = small_demo();
        let service = first_active_with_location(&mut data);
        service.name = Name::parse("Zilverreiger Taalpunt").unwrap();
        let arabic = |note: &str| wegwijs_domain::Language {
            id: wegwijs_domain::Id::derived("test", note),
            code: "ar".into(),
            name: "Arabisch".into(),
            note: Some(note.into()),
        };
        service.languages = vec![arabic("zelf"), arabic("met tolk")];
        let index = index_of(&data);
        let results = index.search(&request("zilverreiger")).unwrap();
        let languages = results.facets.iter().find(|f| f.facet == Facet::Language).unwrap();
        let ar = languages.values.iter().find(|v| v.value == "ar").unwrap();
        assert_eq!((results.total, ar.count), (1, 1));
    }

    #[test]
    fn a_selected_value_without_results_stays_visible() {
        let mut req = request("hulp");
        req.filters.insert(Facet::Theme, vec!["bestaat-niet".into()]);
        let results = crate::support::search(&req);
        let themes = results.facets.iter().find(|f| f.facet == Facet::Theme).unwrap();
        assert!(themes.values.iter().any(|v| v.value == "bestaat-niet" && v.selected && v.count == 0));
    }
}
