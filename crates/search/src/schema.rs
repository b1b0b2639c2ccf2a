//! The index schema: which parts of a service are searched, shown, filtered and ranked.
//!
//! Public text and professional-only text live in separate fields ([`Fields::pro`],
//! [`Fields::pro_parts`]); a public search builds its query from [`Fields::public_text`]
//! only and makes snippets from stored public fields only, so a professional note can
//! neither be found nor shown by a resident (privacy by construction).

use crate::analysis::TokenizerKind;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, SchemaBuilder, TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema or the analysis changes, so an old index on disk is
/// rebuilt instead of being read with the wrong rules. (4: `checked_at`.)
pub const SCHEMA_VERSION: u32 = 4;

/// A dimension results can be filtered and counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    /// Local theme (taxonomy `thema`) by code.
    Theme,
    /// Positieve Gezondheid dimension by code.
    Health,
    /// Municipality of a location, by CBS code.
    Municipality,
    /// Village or town of a location.
    Place,
    /// Wijk of a location, by CBS code.
    Wijk,
    /// Age group the service admits.
    Age,
    /// Who pays: funding scheme code.
    Funding,
    /// Free or paid.
    Cost,
    /// Referral route: none, huisarts, wijkteam, gemeente.
    Referral,
    /// Language spoken, ISO 639-1.
    Language,
}

impl Facet {
    /// Every facet, in the order they are shown.
    pub const ALL: [Facet; 10] = [
        Facet::Theme,
        Facet::Health,
        Facet::Municipality,
        Facet::Place,
        Facet::Wijk,
        Facet::Age,
        Facet::Funding,
        Facet::Cost,
        Facet::Referral,
        Facet::Language,
    ];

    /// Field name, also the query parameter name of the search API.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Theme => "theme",
            Facet::Health => "health",
            Facet::Municipality => "municipality",
            Facet::Place => "place",
            Facet::Wijk => "wijk",
            Facet::Age => "age_group",
            Facet::Funding => "funding",
            Facet::Cost => "cost",
            Facet::Referral => "referral",
            Facet::Language => "language",
        }
    }

    /// The facet with this name.
    pub fn parse(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The combined value of this facet and a value, as stored in [`Fields::all_facets`].
    pub fn tagged(self, value: &str) -> String {
        format!("{}:{value}", self.name())
    }

    /// Splits a combined value back into facet and value.
    pub fn untag(tagged: &str) -> Option<(Facet, &str)> {
        let (name, value) = tagged.split_once(':')?;
        Some((Facet::parse(name)?, value))
    }

    fn index(self) -> usize {
        Facet::ALL.iter().position(|f| *f == self).expect("every facet is in ALL")
    }
}

/// The fields of the index.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Service id.
    pub id: Field,
    /// Organisation id.
    pub organisation_id: Field,
    /// Service name (stored for display).
    pub name: Field,
    /// Organisation name (stored for display, searched).
    pub organisation: Field,
    /// The service name as written, untokenised: its column lists the names for
    /// suggestions.
    pub name_key: Field,
    /// Names, lay names and synonyms of the linked taxonomy terms.
    pub terms: Field,
    /// The plain-language summary (stored for display and snippets).
    pub summary: Field,
    /// Description, alternate name, how to apply, costs, eligibility (stored for snippets).
    pub body: Field,
    /// Parts of the compound words of all public text.
    pub parts: Field,
    /// Professional-only notes: never queried or shown by a public search.
    pub pro: Field,
    /// Parts of the compound words of the professional notes.
    pub pro_parts: Field,
    /// Area keys the service serves (`nl`, `gm:GM1525`, `pl:warmond`, `wk:…`, `pc:2171`).
    pub area: Field,
    /// Locations as packed latitude/longitude pairs.
    pub geo: Field,
    /// Day of the last verification (days since 1970-01-01; `i64::MIN` when never
    /// verified), for the score explanation.
    pub verified_day: Field,
    /// The last check ([`wegwijs_domain::freshness::last_checked`]: the verification, or
    /// else the last change) in microseconds since 1970: a search hides the services
    /// last checked too long ago at the moment of the request, and ranks by its age.
    pub checked_at: Field,
    /// Lowest admitted age.
    pub min_age: Field,
    /// Highest admitted age.
    pub max_age: Field,
    /// Quarter hours of the week the service is open (0 = Monday 00:00).
    pub open_slot: Field,
    /// Dates (days since 1970-01-01) with exceptional hours.
    pub special_day: Field,
    /// Quarter hours open on exceptional dates: day × 96 + quarter.
    pub special_slot: Field,
    /// 1 when public holidays close the service.
    pub holiday_closed: Field,
    /// Lowest price in cents when a price is known (stored for the cost hint).
    pub price_cents: Field,
    /// Every facet value of the service as `facet:value`, in one fast column: the
    /// collector reads one column per hit instead of one per facet.
    pub all_facets: Field,
    facets: [Field; Facet::ALL.len()],
}

impl Fields {
    /// The field of a facet.
    pub fn facet(&self, facet: Facet) -> Field {
        self.facets[facet.index()]
    }

    /// The fields a public search matches against, with their weights.
    pub fn public_text(&self) -> [(Field, f32); 5] {
        [(self.name, 3.0), (self.terms, 2.0), (self.summary, 1.5), (self.body, 1.0), (self.organisation, 1.0)]
    }

    /// The field of compound parts for public searches and its weight: a part counts
    /// for less than the word itself, so "zorg" ranks "zorg" above "mantelzorg".
    pub fn public_parts(&self) -> (Field, f32) {
        (self.parts, 0.5)
    }
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = SchemaBuilder::new();
    let text = |b: &mut SchemaBuilder, name: &str, kind: TokenizerKind, stored: bool| {
        let indexing =
            TextFieldIndexing::default().set_tokenizer(kind.name()).set_index_option(IndexRecordOption::WithFreqs);
        let options = TextOptions::default().set_indexing_options(indexing);
        b.add_text_field(name, if stored { options.set_stored() } else { options })
    };
    let id = b.add_text_field("id", STRING | STORED);
    let organisation_id = b.add_text_field("organisation_id", STRING | STORED);
    let name = text(&mut b, "name", TokenizerKind::Words, true);
    let organisation = text(&mut b, "organisation", TokenizerKind::Words, true);
    let name_key = b.add_text_field("name_key", STRING | FAST);
    let terms = text(&mut b, "terms", TokenizerKind::Words, false);
    let summary = text(&mut b, "summary", TokenizerKind::Words, true);
    let body = text(&mut b, "body", TokenizerKind::Words, true);
    let parts = text(&mut b, "parts", TokenizerKind::CompoundParts, false);
    let pro = text(&mut b, "pro", TokenizerKind::Words, false);
    let pro_parts = text(&mut b, "pro_parts", TokenizerKind::CompoundParts, false);
    let area = b.add_text_field("area", STRING | FAST);
    let geo = b.add_u64_field("geo", FAST);
    let verified_day = b.add_i64_field("verified_day", FAST);
    let checked_at = b.add_i64_field("checked_at", FAST);
    let min_age = b.add_u64_field("min_age", INDEXED | FAST);
    let max_age = b.add_u64_field("max_age", INDEXED | FAST);
    let open_slot = b.add_u64_field("open_slot", INDEXED);
    let special_day = b.add_u64_field("special_day", INDEXED);
    let special_slot = b.add_u64_field("special_slot", INDEXED);
    let holiday_closed = b.add_u64_field("holiday_closed", INDEXED);
    let price_cents = b.add_u64_field("price_cents", STORED);
    let facets = Facet::ALL.map(|facet| b.add_text_field(&format!("f_{}", facet.name()), STRING | STORED));
    let all_facets = b.add_text_field("f_all", STRING | FAST);
    let fields = Fields {
        id,
        organisation_id,
        name,
        organisation,
        name_key,
        terms,
        summary,
        body,
        parts,
        pro,
        pro_parts,
        area,
        geo,
        verified_day,
        checked_at,
        min_age,
        max_age,
        open_slot,
        special_day,
        special_slot,
        holiday_closed,
        price_cents,
        all_facets,
        facets,
    };
    (b.build(), fields)
}

/// Packs a location into one fast-field value: latitude and longitude as `f32` (about
/// a metre of precision) side by side.
pub fn pack_point(lat: f64, lon: f64) -> u64 {
    #[allow(clippy::cast_possible_truncation)]
    let (lat, lon) = (lat as f32, lon as f32);
    (u64::from(lat.to_bits()) << 32) | u64::from(lon.to_bits())
}

/// Unpacks [`pack_point`].
pub fn unpack_point(packed: u64) -> (f64, f64) {
    #[allow(clippy::cast_possible_truncation)]
    let (lat, lon) = (f32::from_bits((packed >> 32) as u32), f32::from_bits(packed as u32));
    (f64::from(lat), f64::from(lon))
}
