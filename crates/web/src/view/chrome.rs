//! The frame around every page: title, canonical and alternate-language links, Open
//! Graph tags, the language switch, the brand, and optional JSON-LD.

use crate::i18n::Locale;
use crate::page::PageContext;

/// Everything `base.html` shows besides the page's own content.
pub struct Chrome {
    /// Interface language.
    pub locale: Locale,
    /// The `<title>` and Open Graph title.
    pub title: String,
    /// Meta description and Open Graph description.
    pub description: String,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Absolute URL of this page in the other language.
    pub alternate: String,
    /// Link to this page in the other language (relative).
    pub switch_href: String,
    /// Name of the site.
    pub site_name: String,
    /// Accent colour (checked at start-up).
    pub accent: String,
    /// Whether a logo is configured.
    pub has_logo: bool,
    /// Whether search engines should leave this page out (search results, lists).
    pub noindex: bool,
    /// schema.org JSON-LD, already serialised and safe inside `<script>`.
    pub json_ld: Option<String>,
    /// Which navigation item is this page, for `aria-current`.
    pub section: Section,
    /// The CSRF token every form on the page carries (field `csrf`).
    pub csrf: String,
    /// The logged-in account, for the header.
    pub account: Option<AccountNav>,
}

/// What the header shows of a logged-in account.
pub struct AccountNav {
    /// The account's name.
    pub name: String,
    /// Whether to link the editors' back office.
    pub is_editor: bool,
}

/// The parts of the site the header links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Home and search.
    Search,
    /// Themes.
    Themes,
    /// My list.
    List,
    /// The provider portal and the account pages.
    Portal,
    /// The editors' back office.
    Editor,
    /// Anything else.
    Other,
}

impl Chrome {
    /// The frame for a page titled `title`. The canonical address is the page's path
    /// plus `keep` query parameters (the ones that make it a different page), plus
    /// `lang=en` for English.
    pub fn new(ctx: &PageContext, title: impl Into<String>, description: impl Into<String>, keep: &[&str]) -> Self {
        let locale = ctx.locale;
        let kept: Vec<(String, String)> =
            ctx.pairs_without_lang().into_iter().filter(|(key, _)| keep.contains(&key.as_str())).collect();
        let address = |locale: Locale| {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            query.extend_pairs(&kept);
            if locale == Locale::En {
                query.append_pair("lang", "en");
            }
            let query = query.finish();
            let path = &ctx.path;
            if query.is_empty() { format!("{}{path}", ctx.origin) } else { format!("{}{path}?{query}", ctx.origin) }
        };
        let title = title.into();
        let site_name = ctx.config.site_name.clone();
        let title = if title.is_empty() { site_name.clone() } else { format!("{title} – {site_name}") };
        Self {
            locale,
            title,
            description: description.into(),
            canonical: address(locale),
            alternate: address(locale.other()),
            switch_href: ctx.href_in(locale.other()),
            site_name,
            accent: ctx.config.brand.accent.clone(),
            has_logo: ctx.config.brand.logo.is_some(),
            noindex: false,
            json_ld: None,
            section: Section::Other,
            csrf: ctx.visitor.form_token.clone(),
            account: ctx
                .visitor
                .signed_in
                .as_ref()
                .map(|s| AccountNav { name: s.user.name.clone(), is_editor: s.is_editor() }),
        }
    }

    /// Marks the page as one search engines should not index.
    pub fn noindex(mut self) -> Self {
        self.noindex = true;
        self
    }

    /// Sets the header's current section.
    pub fn section(mut self, section: Section) -> Self {
        self.section = section;
        self
    }

    /// Adds schema.org data. `<` is escaped so no text in it can close the script element.
    pub fn json_ld(mut self, value: &serde_json::Value) -> Self {
        self.json_ld = Some(value.to_string().replace('<', "\\u003c"));
        self
    }

    /// Link to `path` in this page's language.
    pub fn href(&self, path: &str) -> String {
        self.locale.href(path)
    }

    /// `aria-current="page"` for the header link of this page's section (`search`,
    /// `themes` or `list`).
    pub fn current(&self, section: &str) -> &'static str {
        let this = match self.section {
            Section::Search => "search",
            Section::Themes => "themes",
            Section::List => "list",
            Section::Portal => "portal",
            Section::Editor => "editor",
            Section::Other => "",
        };
        if this == section { "page" } else { "false" }
    }

    /// URL of a static file, with its content hash so browsers may cache it forever.
    pub fn asset(&self, name: &str) -> String {
        crate::assets::href(name)
    }

    /// The language switch's label: the other language's own name.
    pub fn switch_label(&self) -> &'static str {
        self.locale.other().own_name()
    }

    /// The other language's code, for `hreflang`.
    pub fn other_code(&self) -> &'static str {
        self.locale.other().code()
    }

    /// Open Graph locale.
    pub fn og_locale(&self) -> &'static str {
        match self.locale {
            Locale::Nl => "nl_NL",
            Locale::En => "en_GB",
        }
    }
}
