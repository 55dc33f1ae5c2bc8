//! A team member's gradient put together from the parts it sent ahead of its share, top layer
//! first (see `Sequential::train_shard_sharing`), as the page's workers receive them.
//!
//! Why a type: the parts must cover every value. Filled into a zeroed buffer, a part that never
//! came would read as zeros and the step would go on silently with a wrong gradient; counted, the
//! share is refused with a sentence saying so. Counting also lets a member reuse the previous
//! step's buffer without clearing ~6 MB first: every old value is overwritten when the parts cover it.

/// The parts of one member's gradient received so far, and how many values they covered.
#[derive(Debug, Default)]
pub struct GradientParts {
    values: Vec<f32>,
    filled: usize,
}

impl GradientParts {
    /// Parts gathered into `buffer`, a previous gradient of the same run or empty. Its old values
    /// count for nothing: `finish` accepts the whole only when the parts covered all of it.
    pub fn reusing(buffer: Vec<f32>) -> Self {
        Self {
            values: buffer,
            filled: 0,
        }
    }

    /// Where the part of `len` values at `offset` goes (parts never overlap: one per layer). The
    /// buffer grows as needed: parts arrive top layer first, so the first is the last in place.
    pub fn slot(&mut self, offset: usize, len: usize) -> &mut [f32] {
        let end = offset + len;
        if self.values.len() < end {
            self.values.resize(end, 0.0);
        }
        self.filled += len;
        &mut self.values[offset..end]
    }

    /// The whole gradient, or why not: some of its values never came.
    pub fn finish(self) -> Result<Vec<f32>, String> {
        if self.filled == self.values.len() {
            Ok(self.values)
        } else {
            Err(format!(
                "a team member's gradient arrived with {} of its {} values",
                self.filled,
                self.values.len()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receive(into: GradientParts, whole: &[f32], parts: &[(usize, usize)]) -> GradientParts {
        let mut got = into;
        for &(offset, len) in parts {
            got.slot(offset, len)
                .copy_from_slice(&whole[offset..offset + len]);
        }
        got
    }

    #[test]
    fn parts_sent_top_layer_first_make_the_whole_gradient() {
        let whole: Vec<f32> = (0..10).map(|i| i as f32).collect();
        let got = receive(GradientParts::default(), &whole, &[(7, 3), (2, 5), (0, 2)]);
        assert_eq!(got.finish().unwrap(), whole);
    }

    #[test]
    fn a_reused_buffer_is_overwritten_everywhere() {
        let whole: Vec<f32> = (0..10).map(|i| i as f32).collect();
        let stale = GradientParts::reusing(vec![f32::NAN; 10]);
        let got = receive(stale, &whole, &[(7, 3), (2, 5), (0, 2)]);
        assert_eq!(got.finish().unwrap(), whole);
    }

    #[test]
    fn a_missing_part_is_refused_not_read_as_zeros() {
        let whole: Vec<f32> = (0..10).map(|i| i as f32).collect();
        let got = receive(GradientParts::default(), &whole, &[(7, 3), (0, 2)]);
        assert_eq!(
            got.finish().unwrap_err(),
            "a team member's gradient arrived with 5 of its 10 values"
        );
        let stale = GradientParts::reusing(vec![1.0; 10]);
        let got = receive(stale, &whole, &[(7, 3), (2, 5)]);
        assert!(got.finish().is_err(), "the old values do not count");
    }
}
