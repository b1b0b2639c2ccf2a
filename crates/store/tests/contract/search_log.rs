//! The log of searches with no or few results.

use chrono::NaiveDate;
use wegwijs_store::LoggedSearch;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn logged(query: &str, d: u32, searches: u64, fewest: u64) -> LoggedSearch {
    LoggedSearch { query: query.into(), day: day(d), searches, fewest }
}

contract_test!(
    async fn searches_add_up_per_query_and_day_and_keep_the_fewest_results(store) {
        store.record_searches(&[logged("vliegticket", 20, 2, 0), logged("mantelzrog", 20, 1, 2)]).await.unwrap();
        store.record_searches(&[logged("vliegticket", 20, 3, 1), logged("vliegticket", 21, 1, 0)]).await.unwrap();
        store.record_searches(&[logged("oud", 1, 9, 0)]).await.unwrap();
        store.record_searches(&[]).await.unwrap();

        let totals = store.low_result_queries(day(15), 0, 10).await.unwrap();
        assert_eq!(totals.len(), 1, "{totals:?}");
        assert_eq!((totals[0].query.as_str(), totals[0].searches, totals[0].fewest), ("vliegticket", 6, 0));
        let few = store.low_result_queries(day(15), 2, 10).await.unwrap();
        assert_eq!(few.iter().map(|t| t.query.as_str()).collect::<Vec<_>>(), ["vliegticket", "mantelzrog"]);
        assert_eq!(store.low_result_queries(day(1), 5, 1).await.unwrap()[0].query, "oud", "limit and order");
    }
);
