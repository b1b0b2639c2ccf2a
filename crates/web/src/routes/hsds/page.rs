//! HSDS's page envelope around every list: totals, position and the items.

use super::params::Paging;
use axum::Json;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

/// One page of a list, as HSDS 3.0's `Page` schema describes it.
#[derive(Debug, Serialize)]
pub struct HsdsPage {
    /// Items in the whole list.
    pub total_items: u64,
    /// Pages in the whole list (0 for an empty list).
    pub total_pages: u64,
    /// This page's number, from 1.
    pub page_number: u64,
    /// Items on this page.
    pub size: u64,
    /// Whether this is page 1.
    pub first_page: bool,
    /// Whether no page follows.
    pub last_page: bool,
    /// Whether this page has no items.
    pub empty: bool,
    /// The items.
    pub contents: Vec<Value>,
}

impl HsdsPage {
    /// The page `paging` asks for of a list of `total_items`, holding `contents`. A page
    /// beyond the last is empty and still tells the totals.
    pub fn new(paging: Paging, total_items: u64, contents: Vec<Value>) -> Self {
        let total_pages = total_items.div_ceil(u64::from(paging.per_page));
        Self {
            total_items,
            total_pages,
            page_number: paging.page,
            size: contents.len() as u64,
            first_page: paging.page == 1,
            last_page: paging.page >= total_pages,
            empty: contents.is_empty(),
            contents,
        }
    }
}

impl IntoResponse for HsdsPage {
    fn into_response(self) -> Response {
        Json(self).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(page: u64, per_page: u32, total: u64, items: usize) -> HsdsPage {
        HsdsPage::new(Paging { page, per_page }, total, vec![Value::Null; items])
    }

    #[test]
    fn the_last_page_is_the_one_that_reaches_the_total() {
        let last = page(3, 10, 25, 5);
        assert_eq!(
            (last.total_pages, last.size, last.first_page, last.last_page, last.empty),
            (3, 5, false, true, false)
        );
        let middle = page(2, 10, 25, 10);
        assert!(!middle.last_page && !middle.first_page);
    }

    #[test]
    fn beyond_the_last_page_is_empty_but_keeps_the_totals() {
        let beyond = page(9, 10, 25, 0);
        assert_eq!((beyond.total_items, beyond.total_pages, beyond.page_number), (25, 3, 9));
        assert!(beyond.empty && beyond.last_page);
    }

    #[test]
    fn an_empty_list_is_one_first_and_last_page() {
        let empty = page(1, 50, 0, 0);
        assert_eq!(empty.total_pages, 0);
        assert!(empty.first_page && empty.last_page && empty.empty);
    }
}
