//! Month names, for writing dates as people do ("3 maart 2027") and for reading them
//! back from spreadsheets. One table for the site, the mails and the imports.

/// Dutch month names, January first (lower case, as Dutch writes them in a date).
pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// English month names, January first.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in words: "3 maart 2027", or "3 March 2027" with `english`.
pub fn in_words(date: chrono::NaiveDate, english: bool) -> String {
    use chrono::Datelike;
    let months = if english { MONTHS_EN } else { MONTHS_NL };
    format!("{} {} {}", date.day(), months[date.month0() as usize], date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_in_a_letter() {
        let date = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(in_words(date, false), "1 maart 2027");
        assert_eq!(in_words(date, true), "1 March 2027");
    }
}
