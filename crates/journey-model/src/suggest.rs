//! Did-you-mean: the closest known name to a misspelt one.

/// The candidate closest to `name`, if one is close enough to be what was meant.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let score = strsim::jaro_winkler(&name.to_lowercase(), &candidate.to_lowercase());
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

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_near_misses_only() {
        assert_eq!(closest("phnoe", ["web", "phone", "store"]), Some("phone"));
        assert_eq!(closest("supportedby", ["supported_by", "uses"]), Some("supported_by"));
        assert_eq!(closest("xyz", ["web", "phone"]), None);
    }
}
