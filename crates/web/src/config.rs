//! Settings of the website that differ per deployment: its name, address, colours and
//! logo, an optional tile server for maps, and when old information is flagged or
//! hidden.

use chrono::{DateTime, Utc};
use wegwijs_domain::FreshnessPolicy;
use wegwijs_store::Visibility;

/// Settings of the web server that are not part of the store.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Results per page on list and search pages.
    pub page_size: u32,
    /// Name in the header and titles: "Wegwijs Teylingen".
    pub site_name: String,
    /// `https://wegwijs.example.nl`: used for canonical links and the sitemap. Without it
    /// the Host header of each request is used.
    pub public_url: Option<String>,
    /// The look of this deployment.
    pub brand: Brand,
    /// The municipality the site is for (CBS code): its villages are offered on the home
    /// page and its map is drawn when a search has no location.
    pub home_municipality: Option<String>,
    /// A tile server URL template such as `https://tile.example.org/{z}/{x}/{y}.png`
    /// (`{s}` becomes `a`). With it, result and service pages show the pins on a static
    /// mosaic of tiles from that server, at most 5 × 4 (see `map::render_tile_map`),
    /// which means every visitor's browser asks the server for the tiles of the area
    /// searched. Without it (the default) maps are the built-in SVG only, and no
    /// request leaves for a third party. Must be http(s) with `{z}`, `{x}` and `{y}`;
    /// an unusable template gives the SVG map.
    pub tile_url: Option<String>,
    /// The credit line the tile server requires, shown under the tile map, e.g.
    /// "© OpenStreetMap-bijdragers". Plain text; empty (the default) shows none.
    pub tile_attribution: String,
    /// The licence the kaart's open data is published under, named on the API page
    /// ("CC BY 4.0", "CC0 1.0"): the municipality's choice, not the software's.
    pub data_licence: String,
    /// Fields of records (as named in the stored JSON: `opening_hours`, `phones`, …) that
    /// a provider may change without review; a change that touches only these is
    /// published at once. Empty (the default): every change is reviewed.
    pub publish_directly: Vec<String>,
    /// The address the server listens on (`http://127.0.0.1:8080`), for links in mails
    /// when no public address is configured. Mail links never come from a request's Host
    /// header: anyone can send a request with `Host: evil.example`, and a password link
    /// pointing there would hand the token to a stranger.
    pub listen_origin: String,
    /// When information counts as old: public pages warn from `public_warning` on, and
    /// from `hide_after` on a service leaves the public site, the API, the sitemap and
    /// search (it is kept, and comes back when it is verified again). Checked with
    /// [`FreshnessPolicy::check`] when it comes from the command line.
    pub freshness: FreshnessPolicy,
}

impl WebConfig {
    /// The site's address for links in mails: the configured public address, else the
    /// address the server listens on (see [`WebConfig::listen_origin`]).
    pub fn link_origin(&self) -> &str {
        self.public_url.as_deref().unwrap_or(&self.listen_origin).trim_end_matches('/')
    }

    /// Whether cookies must be `Secure`: when the public address is HTTPS. (Without a
    /// configured address the site is reached directly, typically on a laptop over HTTP.)
    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|url| url.starts_with("https://"))
    }

    /// What the public may see at `now` under this deployment's [`Self::freshness`].
    /// Handlers make one per request, from the clock at the edge.
    pub fn visibility(&self, now: DateTime<Utc>) -> Visibility {
        Visibility::new(self.freshness, now)
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            page_size: 20,
            site_name: "Wegwijs".to_owned(),
            public_url: None,
            brand: Brand::default(),
            home_municipality: Some("GM1525".to_owned()),
            tile_url: None,
            tile_attribution: String::new(),
            data_licence: "CC BY 4.0".to_owned(),
            publish_directly: Vec::new(),
            listen_origin: "http://localhost:8080".to_owned(),
            freshness: FreshnessPolicy::default(),
        }
    }
}

/// Colours and logo of a deployment.
#[derive(Debug, Clone)]
pub struct Brand {
    /// Main colour (`#rrggbb`): links, buttons, pins. Must reach 4.5:1 against white.
    pub accent: String,
    /// A logo image shown in the header, served at `/static/logo`.
    pub logo: Option<Logo>,
}

impl Default for Brand {
    fn default() -> Self {
        Self { accent: "#00578a".to_owned(), logo: None }
    }
}

/// An image file of the deployment's logo.
#[derive(Debug, Clone)]
pub struct Logo {
    /// `image/svg+xml`, `image/png`, …
    pub content_type: &'static str,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// A colour that cannot be used as the accent colour.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ColourError {
    /// Not written as `#rrggbb`.
    #[error("{0:?} is not a colour written as #rrggbb")]
    Format(String),
    /// Text in this colour on white would be hard to read.
    #[error(
        "{colour} has a contrast of {ratio:.1}:1 with white; at least 4.5:1 is needed for readable links and buttons"
    )]
    Contrast {
        /// The colour.
        colour: String,
        /// Its contrast ratio with white.
        ratio: f64,
    },
}

impl Brand {
    /// Checks an accent colour: `#rrggbb` with enough contrast against white (WCAG 2.1
    /// AA for normal text), because links and white-on-accent buttons use it.
    pub fn accent_colour(raw: &str) -> Result<String, ColourError> {
        let hex = raw.trim().strip_prefix('#').filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()));
        let Some(hex) = hex else { return Err(ColourError::Format(raw.to_owned())) };
        let channel = |i: usize| {
            let value = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if value <= 0.039_28 { value / 12.92 } else { ((value + 0.055) / 1.055).powf(2.4) }
        };
        let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
        let ratio = 1.05 / (luminance + 0.05);
        if ratio < 4.5 {
            return Err(ColourError::Contrast { colour: raw.to_owned(), ratio });
        }
        Ok(format!("#{}", hex.to_ascii_lowercase()))
    }

    /// Reads a logo file; the type follows from the extension.
    pub fn logo_file(path: &std::path::Path) -> std::io::Result<Logo> {
        let content_type = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("svg") => "image/svg+xml",
            Some("png") => "image/png",
            Some("jpg" | "jpeg") => "image/jpeg",
            Some("webp") => "image/webp",
            _ => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "the logo must be an .svg, .png, .jpg or .webp file",
                ));
            }
        };
        Ok(Logo { content_type, bytes: std::fs::read(path)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accent_colours_must_be_readable_on_white() {
        assert_eq!(Brand::accent_colour("#00578A").unwrap(), "#00578a");
        assert!(matches!(Brand::accent_colour("#ffcc00"), Err(ColourError::Contrast { .. })));
        assert!(matches!(Brand::accent_colour("blue"), Err(ColourError::Format(_))));
        assert!(matches!(Brand::accent_colour("#12345"), Err(ColourError::Format(_))));
        // The default passes its own check.
        assert!(Brand::accent_colour(&Brand::default().accent).is_ok());
    }
}
