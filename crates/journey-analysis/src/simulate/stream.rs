//! One figure over many walks, in memory that does not grow with their number: the count,
//! sum, least and greatest value, and the distribution for quantiles — each value with its
//! count while there are at most [`EXACT_VALUES`] different ones (the usual case: contacts are
//! whole numbers, and a journey without loops has few paths), so the quantiles are exact; past
//! that, a DDSketch whose quantiles are within 1% of the true value.

use std::collections::BTreeMap;

use sketches_ddsketch::{Config, DDSketch};

use super::Spread;

/// Different values counted exactly before the figure turns to a sketch.
pub const EXACT_VALUES: usize = 4096;

/// The sketch's relative accuracy and its most buckets (a range of 1e17 at 1%).
const ACCURACY: f64 = 0.01;
const BUCKETS: u32 = 2048;

/// A figure's values so far.
#[derive(Clone, Default)]
pub struct Stream {
    count: u64,
    sum: f64,
    min: f64,
    max: f64,
    /// Each value (as an ordered key) with how often it came, until there are too many.
    exact: BTreeMap<u64, u64>,
    sketch: Option<DDSketch>,
}

/// A key whose order is `f64::total_cmp`'s.
fn key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | (1 << 63) }
}

fn value(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 { key & !(1 << 63) } else { !key })
}

impl Stream {
    pub fn add(&mut self, x: f64) {
        if self.count == 0 || x < self.min {
            self.min = x;
        }
        if self.count == 0 || x > self.max {
            self.max = x;
        }
        self.count += 1;
        self.sum += x;
        match &mut self.sketch {
            Some(sketch) => sketch.add(x),
            None => {
                *self.exact.entry(key(x)).or_default() += 1;
                if self.exact.len() > EXACT_VALUES {
                    let mut sketch = DDSketch::new(Config::new(ACCURACY, BUCKETS, 1e-9));
                    for (&k, &n) in &self.exact {
                        sketch.add_with_count(value(k), n);
                    }
                    self.exact = BTreeMap::new();
                    self.sketch = Some(sketch);
                }
            }
        }
    }

    /// How many values were added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Whether the quantiles are exact (not from the sketch).
    pub fn is_exact(&self) -> bool {
        self.sketch.is_none()
    }

    /// The value at quantile `q`: the `⌈q·n⌉`-th smallest.
    fn quantile(&self, q: f64) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        if let Some(sketch) = &self.sketch {
            return sketch.quantile(q).ok().flatten().map_or(0.0, |v| v.clamp(self.min, self.max));
        }
        let rank = ((q * self.count as f64).ceil() as u64).saturating_sub(1).min(self.count - 1);
        let mut seen = 0;
        for (&k, &n) in &self.exact {
            seen += n;
            if seen > rank {
                return value(k);
            }
        }
        self.max
    }

    pub fn spread(&self) -> Spread {
        Spread {
            mean: if self.count == 0 { 0.0 } else { self.sum / self.count as f64 },
            min: if self.count == 0 { 0.0 } else { self.min },
            p50: self.quantile(0.5),
            p90: self.quantile(0.9),
            p99: self.quantile(0.99),
            max: if self.count == 0 { 0.0 } else { self.max },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quantile of a sorted list, as the definition says.
    fn sorted_quantile(values: &[f64], q: f64) -> f64 {
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        v[((q * v.len() as f64).ceil() as usize).saturating_sub(1).min(v.len() - 1)]
    }

    #[test]
    fn keys_keep_the_order_of_numbers() {
        let xs = [-1e300, -2.5, -0.0, 0.0, 1e-300, 3.0, f64::INFINITY];
        for pair in xs.windows(2) {
            assert!(key(pair[0]) < key(pair[1]), "{pair:?}");
        }
        assert!(xs.iter().all(|&x| value(key(x)).to_bits() == x.to_bits()));
    }

    #[test]
    fn few_values_are_exact_and_hand_computed() {
        let mut s = Stream::default();
        for x in [3.0, 1.0, 2.0, 2.0, 10.0] {
            s.add(x);
        }
        // Sorted: 1 2 2 3 10. p50: the 3rd; p90 and p99: the 5th.
        assert_eq!(s.spread(), Spread { mean: 3.6, min: 1.0, p50: 2.0, p90: 10.0, p99: 10.0, max: 10.0 });
        assert!(s.is_exact());
    }

    #[test]
    fn many_values_turn_into_a_sketch_within_one_percent() {
        let mut s = Stream::default();
        let values: Vec<f64> = (0..200_000u64).map(|i| 1.0 + ((i * 7919) % 100_000) as f64 * 0.37).collect();
        for &x in &values {
            s.add(x);
        }
        assert!(!s.is_exact());
        assert!(s.exact.is_empty(), "the exact counts are let go");
        let spread = s.spread();
        for (q, got) in [(0.5, spread.p50), (0.9, spread.p90), (0.99, spread.p99)] {
            let want = sorted_quantile(&values, q);
            assert!((got - want).abs() <= 0.011 * want, "p{q}: {got} against {want}");
        }
        assert_eq!((spread.min, spread.max), (1.0, 1.0 + 99_999.0 * 0.37));
    }
}
