//! Errors reported by residents on a service page, kept for the editors.

use crate::fixtures::id;
use std::time::Duration;
use wegwijs_domain::{EmailAddress, Id};
use wegwijs_store::{NewErrorReport, Page, PageLanguage, ReportStatus};

fn report(message: &str) -> NewErrorReport {
    NewErrorReport {
        service_id: id("dienst-1"),
        organisation_id: id("org-1"),
        message: message.into(),
        reporter_email: None,
        page_language: PageLanguage::Nl,
    }
}

/// Lets the clock move on, so that reports written one after the other differ in time.
async fn tick() {
    tokio::time::sleep(Duration::from_millis(2)).await;
}

contract_test!(
    async fn a_report_is_stored_open_and_returned_as_stored(store) {
        let mut new = report("Het telefoonnummer is veranderd.");
        new.reporter_email = Some(EmailAddress::parse("Inwoner@Example.NL").unwrap());
        new.page_language = PageLanguage::En;
        let added = store.add_error_report(&new).await.unwrap();
        assert_eq!(added.status, ReportStatus::Open);
        assert_eq!(added.closed_at, None);
        assert_eq!(added.organisation_id, id("org-1"));

        let listed = store.error_reports(ReportStatus::Open, Page::first(10)).await.unwrap();
        assert_eq!(listed, [added]);
        assert_eq!(listed[0].reporter_email.as_ref().unwrap().as_str(), "Inwoner@example.nl");
        assert_eq!(listed[0].page_language, PageLanguage::En);
        assert_eq!(store.error_report_count(ReportStatus::Open).await.unwrap(), 1);
        assert_eq!(store.error_report_count(ReportStatus::Closed).await.unwrap(), 0);
        assert!(store.error_reports(ReportStatus::Closed, Page::first(10)).await.unwrap().is_empty());
    }
);

contract_test!(
    async fn reports_are_listed_newest_first_a_page_at_a_time(store) {
        let mut ids = Vec::new();
        for n in 0..5 {
            ids.push(store.add_error_report(&report(&format!("Melding nummer {n}"))).await.unwrap().id);
            tick().await;
        }
        ids.reverse();
        let first = store.error_reports(ReportStatus::Open, Page::first(3)).await.unwrap();
        let rest = store.error_reports(ReportStatus::Open, Page { offset: 3, limit: 3 }).await.unwrap();
        let listed: Vec<Id> = first.iter().chain(&rest).map(|r| r.id.clone()).collect();
        assert_eq!(listed, ids);
        assert_eq!(first[0].message, "Melding nummer 4");
        assert!(first.windows(2).all(|pair| pair[0].created_at >= pair[1].created_at));
        assert_eq!(store.error_report_count(ReportStatus::Open).await.unwrap(), 5);
    }
);

contract_test!(
    async fn closing_a_report_moves_it_to_closed_once(store) {
        let kept = store.add_error_report(&report("Blijft open")).await.unwrap();
        tick().await;
        let done = store.add_error_report(&report("Wordt gesloten")).await.unwrap();

        let editor = id("redacteur-1");
        assert!(store.close_error_report(&done.id, &editor).await.unwrap());
        assert!(!store.close_error_report(&done.id, &id("redacteur-2")).await.unwrap(), "closing twice changes nothing");
        assert!(!store.close_error_report(&Id::random(), &editor).await.unwrap(), "unknown id");

        let open = store.error_reports(ReportStatus::Open, Page::first(10)).await.unwrap();
        assert_eq!(open, std::slice::from_ref(&kept));
        let closed = store.error_reports(ReportStatus::Closed, Page::first(10)).await.unwrap();
        assert_eq!(closed.len(), 1);
        assert_eq!((closed[0].id.clone(), closed[0].status), (done.id, ReportStatus::Closed));
        assert!(closed[0].closed_at.is_some_and(|at| at >= closed[0].created_at));
        assert_eq!(closed[0].closed_by, Some(editor), "the first to close it");
        assert_eq!(store.error_report(&kept.id).await.unwrap().unwrap().closed_by, None);
        assert_eq!(store.error_report_count(ReportStatus::Open).await.unwrap(), 1);
        assert_eq!(store.error_report_count(ReportStatus::Closed).await.unwrap(), 1);
    }
);

contract_test!(
    async fn any_text_round_trips_exactly(store) {
        let texts = [
            "<script>alert('x')</script> & \"quotes\" \\ backslash; DROP TABLE error_reports; --",
            "Café Zoë's ‘ijs’ — 👩🏽‍⚕️ مرحبا שלום 日本語 e\u{301} \u{200b}zero-width",
            "  leading and trailing spaces, tabs\tand\r\nnewlines\n\n  ",
            "%s $1 ? {0} '' \u{7f}",
        ];
        for text in texts {
            store.add_error_report(&report(text)).await.unwrap();
            tick().await;
        }
        let listed = store.error_reports(ReportStatus::Open, Page::first(10)).await.unwrap();
        let messages: Vec<&str> = listed.iter().rev().map(|r| r.message.as_str()).collect();
        assert_eq!(messages, texts);
        assert!(listed.iter().all(|r| r.reporter_email.is_none()), "no e-mail stays no e-mail");
    }
);

contract_test!(
    async fn a_nul_character_is_refused_on_both_backends(store) {
        // PostgreSQL text cannot hold U+0000; SQLite could, but both must behave the same.
        assert!(store.add_error_report(&report("voor\0na")).await.is_err());
        assert_eq!(store.error_report_count(ReportStatus::Open).await.unwrap(), 0);
    }
);

contract_test!(
    async fn a_report_is_found_by_its_id(store) {
        let added = store.add_error_report(&report("Adres klopt niet")).await.unwrap();
        assert_eq!(store.error_report(&added.id).await.unwrap(), Some(added));
        assert_eq!(store.error_report(&Id::random()).await.unwrap(), None);
    }
);

contract_test!(
    async fn providers_see_the_reports_of_their_own_organisations_only(store) {
        let of = |organisation: &str, message: &str| {
            let mut new = report(message);
            new.organisation_id = id(organisation);
            new
        };
        let a1 = store.add_error_report(&of("org-a", "Eerste over A")).await.unwrap();
        tick().await;
        let b1 = store.add_error_report(&of("org-b", "Over B")).await.unwrap();
        tick().await;
        store.add_error_report(&of("org-c", "Over C")).await.unwrap();
        tick().await;
        let a2 = store.add_error_report(&of("org-a", "Tweede over A")).await.unwrap();

        let ids = |list: Vec<wegwijs_store::ErrorReport>| list.into_iter().map(|r| r.id).collect::<Vec<_>>();
        let open = ReportStatus::Open;
        let own = store.error_reports_of_organisations(&[id("org-a"), id("org-b")], open, Page::first(10)).await.unwrap();
        assert_eq!(ids(own), [a2.id.clone(), b1.id.clone(), a1.id.clone()], "newest first");
        let paged =
            store.error_reports_of_organisations(&[id("org-a"), id("org-b")], open, Page { offset: 1, limit: 1 }).await.unwrap();
        assert_eq!(ids(paged), std::slice::from_ref(&b1.id));
        assert!(store.error_reports_of_organisations(&[], open, Page::first(10)).await.unwrap().is_empty());
        assert!(store.error_reports_of_organisations(&[id("org-x")], open, Page::first(10)).await.unwrap().is_empty());

        store.close_error_report(&a1.id, &id("aanbieder-1")).await.unwrap();
        let closed = store.error_reports_of_organisations(&[id("org-a")], ReportStatus::Closed, Page::first(10)).await.unwrap();
        assert_eq!(ids(closed), [a1.id]);
        let open_of_a = store.error_reports_of_organisations(&[id("org-a")], open, Page::first(10)).await.unwrap();
        assert_eq!(ids(open_of_a), [a2.id]);
    }
);
