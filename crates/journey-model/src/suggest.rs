//! Did-you-mean: the closest known name to a misspelt one.

use std::borrow::Cow;

/// The candidate closest to `name`, if one is close enough to be what was meant.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = lowercase(name);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let score = strsim::jaro_winkler(&lower, &lowercase(candidate));
        let better = match best {
            Some((s, c)) => score > s || (score == s && candidate < c),
            None => true,
        };
        if score >= 0.8 && better {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// `text` in lower case, borrowed where it is already (as most ids are).
fn lowercase(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// How many names the did-you-means of one check may compare in all.
pub const SUGGESTION_BUDGET: usize = 4_000_000;

/// The did-you-means of one check, over the workspace's names: each compares a misspelt name
/// with every candidate, so a file of many mistakes among many names would take time in
/// mistakes × names. They share [`SUGGESTION_BUDGET`] comparisons; past it, a mistake is
/// reported without a suggestion. The same input spends it alike, so the output does not vary.
#[derive(Debug)]
pub struct Suggestions {
    left: usize,
}

impl Default for Suggestions {
    fn default() -> Self {
        Suggestions { left: SUGGESTION_BUDGET }
    }
}

impl Suggestions {
    /// Spends `work` comparisons if that many are left: whether a suggestion may still look
    /// through that many names.
    pub fn afford(&mut self, work: usize) -> bool {
        match self.left.checked_sub(work) {
            Some(left) => {
                self.left = left;
                true
            }
            None => {
                self.left = 0;
                false
            }
        }
    }

    /// [`closest`], if the budget still has room for `candidates`.
    pub fn closest<'a>(&mut self, name: &str, candidates: &'a [impl AsRef<str>]) -> Option<&'a str> {
        if !self.afford(candidates.len()) {
            return None;
        }
        closest(name, candidates.iter().map(AsRef::as_ref))
    }
}

#[cfg(test)]
mod tests {
    use super::{Suggestions, closest};

    #[test]
    fn finds_near_misses_only() {
        assert_eq!(closest("phnoe", ["web", "phone", "store"]), Some("phone"));
        assert_eq!(closest("supportedby", ["supported_by", "uses"]), Some("supported_by"));
        assert_eq!(closest("xyz", ["web", "phone"]), None);
        assert_eq!(closest("Phnoe", ["web", "Phone", "store"]), Some("Phone"), "case does not count");
        assert_eq!(closest("Phone", ["web", "phone"]), Some("phone"), "a name that differs only in case");
    }

    #[test]
    fn suggestions_stop_when_their_budget_is_spent() {
        let mut s = Suggestions { left: 5 };
        let names = ["web", "phone", "store"];
        assert_eq!(s.closest("phnoe", &names), Some("phone"));
        assert_eq!(s.closest("phnoe", &names), None, "two comparisons left, three needed");
        assert_eq!(s.closest("phnoe", &["phone"]), None, "spent: the rest is not enough for anything");
        assert!(!s.afford(1));
    }
}
