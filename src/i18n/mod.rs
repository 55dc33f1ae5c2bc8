//! Every string the learner reads, in Chinese and English. Plain data, no UI code: the page picks
//! the language, this module only holds the words.

pub mod article;
pub mod backprop;
pub mod bench;
pub mod channels;
pub mod classify;
pub mod conv1d;
pub mod conv2d;
pub mod design;
pub mod encoding;
pub mod fetch;
pub mod guidance;
pub mod insights;
pub mod kernels;
pub mod lab;
pub mod lenet5;
pub mod numbers;
pub mod pad;
pub mod photo_filter;
pub mod pooling;
pub mod receptive;
pub mod recipes;
pub mod scale;
pub mod sections;
pub mod shell;
pub mod stepper;
pub mod storage;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// BCP 47 code for the `lang` attribute and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    /// From a stored code or the browser's `navigator.language`: any `zh…` is Chinese, else English.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// One string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub const fn new(en: &'static str, zh: &'static str) -> Self {
        Self { en, zh }
    }
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
    /// The text in `lang` with each `{name}` replaced by its value: the one way a text's
    /// placeholders are filled (`tests::every_text_has_the_same_placeholders_in_both_languages`
    /// checks that both languages have the same ones).
    pub fn fill(&self, lang: Lang, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        fill(self.get(lang), values)
    }
}

/// `text` with each `{name}` replaced by its value (for a text already chosen or built).
pub fn fill(text: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    values.iter().fold(text.to_string(), |s, (name, value)| {
        s.replace(&format!("{{{name}}}"), &value.to_string())
    })
}

/// The `{name}` placeholders in `text`, in order of first appearance.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                if !found.contains(&&after[..close]) {
                    found.push(&after[..close]);
                }
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    found
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_codes() {
        assert_eq!(Lang::from_code("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_code("ZH"), Lang::Zh);
        assert_eq!(Lang::from_code("en-GB"), Lang::En);
        assert_eq!(Lang::from_code("de"), Lang::En);
        assert_eq!(Lang::from_code(Lang::Zh.code()), Lang::Zh);
    }
}
