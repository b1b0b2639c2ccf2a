//! The analysers as tantivy tokenizers, so the index and the snippet generator cut
//! text exactly as queries are cut.

use super::{Analyzer, is_stop_word, words};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// What a field's tokenizer emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenizerKind {
    /// The stem of every content word.
    Words,
    /// Only the stems of the parts of compound words, each at its compound's position
    /// and offsets (so a snippet highlights the whole compound).
    CompoundParts,
    /// Both: words and the parts of compounds. Used only to find what to highlight in
    /// a snippet, so that "schuld" highlights "schuldhulpverlening".
    Highlight,
}

impl TokenizerKind {
    /// The name the tokenizer is registered under.
    pub fn name(self) -> &'static str {
        match self {
            Self::Words => "nl_words",
            Self::CompoundParts => "nl_parts",
            Self::Highlight => "nl_highlight",
        }
    }
}

/// A Dutch tokenizer for tantivy.
#[derive(Clone)]
pub struct DutchTokenizer {
    analyzer: Analyzer,
    kind: TokenizerKind,
    tokens: Vec<Token>,
}

impl DutchTokenizer {
    /// A tokenizer of the given kind.
    pub fn new(analyzer: Analyzer, kind: TokenizerKind) -> Self {
        Self { analyzer, kind, tokens: Vec::new() }
    }
}

impl Tokenizer for DutchTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.tokens.clear();
        for (position, word) in words(text).into_iter().filter(|w| !is_stop_word(&w.folded)).enumerate() {
            let token = |text: String| Token {
                offset_from: word.start,
                offset_to: word.end,
                position,
                text,
                position_length: 1,
            };
            if self.kind != TokenizerKind::CompoundParts {
                self.tokens.push(token(self.analyzer.stem(&word.folded)));
            }
            if self.kind != TokenizerKind::Words {
                for part in self.analyzer.compound_parts(&word.folded).iter() {
                    self.tokens.push(token(self.analyzer.stem(part)));
                }
            }
        }
        VecTokenStream { tokens: &mut self.tokens, next: 0 }
    }
}

/// Tokens made up front, handed out one by one.
pub struct VecTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
