//! Phone numbers, e-mail addresses and websites that pass the domain validators: real
//! Dutch area codes with fictional subscriber numbers, and fictional `.nl` domains
//! derived from the organisation's name.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use wegwijs_domain::{EmailAddress, PhoneNumber, WebUrl};

/// A landline number in `area_code`, written the Dutch way ("0252 41 23 45").
pub fn landline(rng: &mut ChaCha8Rng, area_code: &str) -> PhoneNumber {
    let digits = 10 - area_code.len();
    let first = rng.random_range(2..=8u32);
    let mut rest = String::with_capacity(digits);
    rest.push(char::from_digit(first, 10).expect("digit"));
    for _ in 1..digits {
        rest.push(char::from_digit(rng.random_range(0..10u32), 10).expect("digit"));
    }
    let raw = if digits == 6 {
        format!("{area_code} {} {} {}", &rest[..2], &rest[2..4], &rest[4..])
    } else {
        format!("{area_code} {} {} {}", &rest[..3], &rest[3..5], &rest[5..])
    };
    PhoneNumber::parse(&raw).expect("ten digits with a real area code")
}

/// A mobile number, as volunteers give out.
pub fn mobile(rng: &mut ChaCha8Rng) -> PhoneNumber {
    let raw = format!("06 {}{:07}", rng.random_range(1..=5u32), rng.random_range(0..10_000_000u32));
    PhoneNumber::parse(&raw).expect("a Dutch mobile number")
}

/// A domain name from an organisation name: "Stichting Welzijn Voorhout" →
/// "welzijnvoorhout.nl".
pub fn domain(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if matches!(word, "Stichting" | "Vereniging" | "B.V." | "en" | "De" | "Het" | "H." | "voor") {
            continue;
        }
        for c in word.chars() {
            let c = fold(c);
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            }
        }
    }
    if slug.len() > 40 {
        slug.truncate(40);
    }
    if slug.is_empty() {
        slug.push_str("wegwijs-demo");
    }
    slug.push_str(".nl");
    slug
}

fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ç' => 'c',
        other => other,
    }
}

/// `local@domain`.
pub fn email(local: &str, domain: &str) -> EmailAddress {
    EmailAddress::parse(&format!("{local}@{domain}")).expect("generated addresses are well formed")
}

/// `https://www.domain/path`.
pub fn website(domain: &str, path: &str) -> WebUrl {
    let raw = if path.is_empty() { format!("https://www.{domain}") } else { format!("https://www.{domain}/{path}") };
    WebUrl::parse(&raw).expect("generated URLs are well formed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn welfare_foundation_gets_a_plain_domain() {
        assert_eq!(domain("Stichting Welzijn Voorhout"), "welzijnvoorhout.nl");
        assert_eq!(domain("Repair Café Warmond"), "repaircafewarmond.nl");
    }

    #[test]
    fn generated_numbers_are_valid_for_every_area_code() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for code in ["0252", "071", "020", "0118"] {
            for _ in 0..200 {
                landline(&mut rng, code);
            }
        }
        for _ in 0..200 {
            mobile(&mut rng);
        }
    }
}
