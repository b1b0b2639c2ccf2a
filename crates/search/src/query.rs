//! Query understanding: from what a person typed to a tantivy query.
//!
//! The steps, in order: cut the text into words; take out a postcode or place name and
//! use it as the location; look up vocabulary terms ("huur niet betalen"); drop stop
//! words; and for every remaining word search its stem in all public fields. A word the
//! index does not know is split as a compound ("boodschappendienst" → boodschappen +
//! dienst) or, failing that, matched with typo tolerance scaled by its length. Very
//! common words ("hulp") only add to the score of documents that match a rarer word,
//! as in Lucene's common-terms query, so they neither flood the results nor cost time.

use crate::analysis::{Analyzer, Word, is_stop_word, words};
use crate::place::{FoundInQuery, find_in_query};
use crate::schema::Fields;
use crate::vocabulary::{Vocabulary, match_stems};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};
use wegwijs_domain::geo::Geo;

/// Whether a word is also looked for inside compounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parts {
    Included,
    Excluded,
}

/// Whose search it is: decides which text fields may be searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Anyone: public fields only.
    #[default]
    Public,
    /// A logged-in professional: professional notes are searched too.
    Professional,
}

/// Weight of a vocabulary expansion relative to a word the person typed.
const EXPANSION_WEIGHT: f32 = 0.6;
/// Extra expansion weight per additional word of a vocabulary term.
const SPECIFICITY_BONUS: f32 = 0.5;
/// Share of the other expansions' scores added to the best one.
const EXPANSION_TIE_BREAKER: f32 = 0.2;
/// Weight of a typo-tolerant match relative to an exact one.
const FUZZY_WEIGHT: f32 = 0.5;
/// Weight of two adjacent words written together ("boodschappen dienst" →
/// "boodschappendienst"): a compound the index knows is a strong sign of what is meant.
const JOINED_WEIGHT: f32 = 2.0;
/// Index terms a misspelt word is expanded to, most frequent first.
const FUZZY_EXPANSIONS: usize = 3;
/// A word in more than this share of documents is "common".
const COMMON_SHARE: f64 = 0.2;
/// Words with fewer documents than this also get typo-tolerant matches: the exact
/// form may itself be a rare misspelling in some service text.
const RARE_DOCS: u64 = 3;

/// What the engine made of a query; returned with the results so a person (or a
/// debug view) can see why it found what it found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Interpretation {
    /// Words searched for (folded), in order.
    pub words: Vec<String>,
    /// Words that were ignored as stop words or punctuation.
    pub ignored: Vec<String>,
    /// The location named in the query, if any.
    pub place_in_query: Option<String>,
    /// Vocabulary terms found, with what they were expanded to.
    pub expansions: Vec<(String, Vec<String>)>,
    /// Words matched as parts of a compound.
    pub split: Vec<(String, Vec<String>)>,
    /// Words matched with typo tolerance, with the index words they matched.
    pub fuzzy: Vec<(String, Vec<String>)>,
    /// Adjacent words that the index knows written together.
    pub joined: Vec<String>,
}

/// The text part of a query.
pub enum TextQuery {
    /// Nothing searchable was typed: every service matches (browsing by filters or place).
    Browse,
    /// Words were typed and these documents match them.
    Match(Box<dyn Query>),
    /// Words were typed but the index knows none of them, not even with typos.
    Nothing,
}

/// A query ready to run.
pub struct Understood {
    /// The text part of the query.
    pub text_query: TextQuery,
    /// The location typed in the query.
    pub place: Option<FoundInQuery>,
    /// What was understood.
    pub interpretation: Interpretation,
}

/// Everything query understanding needs.
pub struct QueryContext<'a> {
    /// The analyser.
    pub analyzer: &'a Analyzer,
    /// The vocabulary.
    pub vocabulary: &'a Vocabulary,
    /// Geography, to recognise places.
    pub geo: &'a Geo,
    /// Index fields.
    pub fields: &'a Fields,
    /// The searcher, for document frequencies.
    pub searcher: &'a Searcher,
    /// Whose search it is.
    pub audience: Audience,
}

impl QueryContext<'_> {
    /// Understands a query text. A place or postcode in the text is always taken out
    /// of the words; whether it becomes the location is up to the caller.
    pub fn understand(&self, text: &str) -> Understood {
        let all_words = words(text);
        let place = find_in_query(self.geo, self.analyzer, &all_words, text);
        let place_words: &[usize] = place.as_ref().map_or(&[], |p| &p.word_indexes);
        let remaining: Vec<&Word> =
            all_words.iter().enumerate().filter(|(i, _)| !place_words.contains(i)).map(|(_, w)| w).collect();

        let mut interpretation = Interpretation {
            place_in_query: place.as_ref().map(|p| p.whereabouts.label.clone()),
            ..Interpretation::default()
        };
        let folded: Vec<&str> = remaining.iter().map(|w| w.folded.as_str()).collect();
        for word in folded.iter().filter(|w| is_stop_word(w)) {
            interpretation.ignored.push((*word).to_owned());
        }
        let content: Vec<&str> = folded.iter().copied().filter(|w| !is_stop_word(w)).collect();
        let stems: Vec<String> = content.iter().map(|w| self.analyzer.stem(w)).collect();
        let all_folded: Vec<String> = folded.iter().map(|w| (*w).to_owned()).collect();
        let matches = self.vocabulary.find(&match_stems(&all_folded, |w| self.analyzer.stem(w), is_stop_word));

        let mut rare: Vec<Box<dyn Query>> = Vec::new();
        let mut common: Vec<Box<dyn Query>> = Vec::new();
        let total_docs = self.searcher.num_docs().max(1);
        for (i, (word, stem)) in content.iter().zip(&stems).enumerate() {
            interpretation.words.push((*word).to_owned());
            let docs = self.doc_freq(stem);
            let mut options: Vec<Box<dyn Query>> = Vec::new();
            if docs > 0 {
                options.push(self.word_query(stem, 1.0));
            } else {
                // An unknown compound whose parts the index knows: all parts must occur.
                // Parts that are function words ("over" in "oversluiten") say nothing.
                let parts: Vec<String> = self.analyzer.compound_parts(word).iter().take(2).cloned().collect();
                let part_stems: Vec<String> = parts.iter().map(|p| self.analyzer.stem(p)).collect();
                let meaningful = part_stems
                    .iter()
                    .zip(&parts)
                    .all(|(stem, part)| !is_stop_word(part) && !is_stop_word(stem) && self.doc_freq(stem) > 0);
                if part_stems.len() == 2 && meaningful {
                    interpretation.split.push(((*word).to_owned(), parts));
                    options.push(self.all_words_query(&part_stems, 1.0, Parts::Included));
                }
            }
            // Typo tolerance is for words that are not words: one the vocabulary
            // recognised is understood ("carer"), and a correctly spelt short Dutch
            // word ("verlengen") is not a misspelling of a similar one ("verlenen");
            // long dictionary words get one edit, for variant spellings ("spelotheek").
            let understood = matches.iter().any(|m| m.stems.contains(stem));
            let distance = match typo_distance(stem) {
                Some(_) if self.analyzer.is_dictionary_word(word) && stem.chars().count() >= 8 => Some(1),
                Some(_) if self.analyzer.is_dictionary_word(word) => None,
                other => other,
            };
            if docs < RARE_DOCS
                && !understood
                && let Some(distance) = distance
            {
                let near = self.fuzzy_terms(stem, distance);
                if !near.is_empty() {
                    options.extend(near.iter().map(|t| self.word_query(t, FUZZY_WEIGHT)));
                    interpretation.fuzzy.push(((*word).to_owned(), near));
                }
            }
            if let Some(next) = content.get(i + 1) {
                let joined_word = format!("{word}{next}");
                let joined = self.analyzer.stem(&joined_word);
                if self.doc_freq(&joined) > 0 {
                    interpretation.joined.push(joined_word);
                    options.push(self.word_query(&joined, JOINED_WEIGHT));
                }
            }
            if options.is_empty() {
                continue;
            }
            let query = one_of(options);
            #[allow(clippy::cast_precision_loss)]
            let share = docs as f64 / total_docs as f64;
            if share > COMMON_SHARE { common.push(query) } else { rare.push(query) }
        }
        for m in &matches {
            let mut shown = Vec::new();
            let mut alternatives = Vec::new();
            // A term of more words is more specific evidence of what is meant: "voetbal
            // zoon geld" outweighs "geen geld" in the same sentence.
            #[allow(clippy::cast_precision_loss)]
            let weight = EXPANSION_WEIGHT * (1.0 + SPECIFICITY_BONUS * (m.stems.len().saturating_sub(1)) as f32);
            for expansion in &m.expansions {
                let stems: Vec<String> =
                    expansion.iter().filter(|w| !is_stop_word(w)).map(|w| self.analyzer.stem(w)).collect();
                if stems.is_empty() {
                    continue;
                }
                shown.push(expansion.join(" "));
                // Expansions are the words services themselves use: matched as whole
                // words only, not inside compounds, or "huis" would pull in every
                // "buurthuis" and "huiswerk".
                alternatives.push(self.all_words_query(&stems, weight, Parts::Excluded));
            }
            // The expansions of one term are one idea said in several ways: a service
            // scores for the best of them, not for the sum, or a text that happens to
            // use three synonyms would beat one that is exactly about the question.
            if !alternatives.is_empty() {
                rare.push(Box::new(DisjunctionMaxQuery::with_tie_breaker(alternatives, EXPANSION_TIE_BREAKER)));
            }
            interpretation.expansions.push((m.term.clone(), shown));
        }

        let text_query = match (rare.is_empty(), common.is_empty()) {
            (true, true) if content.is_empty() => TextQuery::Browse,
            (true, true) => TextQuery::Nothing,
            (false, true) => TextQuery::Match(one_of(rare)),
            (true, false) => TextQuery::Match(one_of(common)),
            (false, false) => TextQuery::Match(Box::new(BooleanQuery::new(vec![
                (Occur::Must, one_of(rare)),
                (Occur::Should, one_of(common)),
            ]))),
        };
        Understood { text_query, place, interpretation }
    }

    fn text_fields(&self) -> Vec<(Field, f32)> {
        self.fields_for(Parts::Included)
    }

    /// The fields searched, with or without the compound parts.
    fn fields_for(&self, parts: Parts) -> Vec<(Field, f32)> {
        let mut fields: Vec<(Field, f32)> = self.fields.public_text().to_vec();
        if parts == Parts::Included {
            fields.push(self.fields.public_parts());
        }
        if self.audience == Audience::Professional {
            fields.push((self.fields.pro, 1.0));
            if parts == Parts::Included {
                fields.push((self.fields.pro_parts, 0.5));
            }
        }
        fields
    }

    /// Documents containing the stem in any searchable field (an upper bound: a
    /// document can be counted once per field).
    fn doc_freq(&self, stem: &str) -> u64 {
        self.text_fields()
            .iter()
            .map(|(field, _)| self.searcher.doc_freq(&Term::from_field_text(*field, stem)).unwrap_or(0))
            .sum()
    }

    /// A stem in any text field, each field with its weight.
    fn word_query(&self, stem: &str, weight: f32) -> Box<dyn Query> {
        self.word_query_in(stem, weight, Parts::Included)
    }

    fn word_query_in(&self, stem: &str, weight: f32, parts: Parts) -> Box<dyn Query> {
        let clauses = self
            .fields_for(parts)
            .into_iter()
            .map(|(field, field_weight)| {
                let term = TermQuery::new(Term::from_field_text(field, stem), IndexRecordOption::WithFreqs);
                (Occur::Should, Box::new(BoostQuery::new(Box::new(term), field_weight * weight)) as Box<dyn Query>)
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// All of these stems, each in any field.
    fn all_words_query(&self, stems: &[String], weight: f32, parts: Parts) -> Box<dyn Query> {
        if let [single] = stems {
            return self.word_query_in(single, weight, parts);
        }
        let clauses = stems.iter().map(|stem| (Occur::Must, self.word_query_in(stem, weight, parts))).collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// The index words within `distance` edits of a stem (transpositions count as one
    /// edit), most frequent first. They are then searched as ordinary words, so a
    /// misspelt query keeps BM25 ranking instead of the flat score of a fuzzy query.
    fn fuzzy_terms(&self, stem: &str, distance: u8) -> Vec<String> {
        let mut found: HashMap<String, u64> = HashMap::new();
        let fields = [self.fields.name, self.fields.terms, self.fields.summary, self.fields.body, self.fields.parts];
        for field in fields {
            let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, stem), distance, true);
            for segment in self.searcher.segment_readers() {
                let (Ok(automaton), Ok(inverted)) = (fuzzy.automaton(), segment.inverted_index(field)) else {
                    continue;
                };
                let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else { continue };
                while stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
                    *found.entry(term.to_owned()).or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
        // Like a first letter typed right: people rarely misspell the first letter, and
        // short stems one edit apart ("zorg", "morg") would otherwise mix.
        let first = stem.chars().next();
        let mut found: Vec<(String, u64)> =
            found.into_iter().filter(|(term, _)| term != stem && term.chars().next() == first).collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.into_iter().map(|(term, _)| term).take(FUZZY_EXPANSIONS).collect()
    }
}

/// The edit distance allowed for a stem: none below five letters (too many short
/// words are one letter apart), one up to seven, two from eight.
pub fn typo_distance(word: &str) -> Option<u8> {
    if !word.chars().all(char::is_alphabetic) {
        return None;
    }
    match word.chars().count() {
        0..=4 => None,
        5..=7 => Some(1),
        _ => Some(2),
    }
}

fn one_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.pop().expect("one query");
    }
    Box::new(BooleanQuery::new(queries.into_iter().map(|q| (Occur::Should, q)).collect()))
}
