//! Buffers a team member lent out and got back, kept for its next message of the same size.
//!
//! Why: a member sends its gradient every step in a transferred buffer. A new buffer each step
//! costs more than the copy into it (fresh memory is zeroed page by page on first write:
//! docs/benchmarks.md, "Behind the comments") and feeds the garbage collector a gradient a step. The receiver copies the values out and sends the emptied buffer back; the sender keeps a
//! few here and reuses one whose size fits exactly (a step's parts have the same sizes every step).

/// At most this many spares are kept: a team of four members sends three copies of each of a
/// model's few parts per step; more than this would only hold memory.
pub const MOST_SPARES: usize = 16;

/// Returned buffers, each with its size in bytes.
pub struct Spares<T> {
    items: Vec<(usize, T)>,
}

impl<T> Default for Spares<T> {
    fn default() -> Self {
        Self { items: Vec::new() }
    }
}

impl<T> Spares<T> {
    /// Keeps a returned buffer of `bytes` bytes, unless enough are kept already (then it is
    /// dropped, and the garbage collector has it).
    pub fn put(&mut self, bytes: usize, item: T) {
        if self.items.len() < MOST_SPARES {
            self.items.push((bytes, item));
        }
    }

    /// A kept buffer of exactly `bytes` bytes, if there is one.
    pub fn take(&mut self, bytes: usize) -> Option<T> {
        let at = self.items.iter().position(|(b, _)| *b == bytes)?;
        Some(self.items.swap_remove(at).1)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Forgets every kept buffer (a new run's parts may have other sizes).
    pub fn clear(&mut self) {
        self.items.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_comes_back_only_for_its_own_size() {
        let mut s = Spares::default();
        s.put(400, "dense");
        s.put(12, "bias");
        assert_eq!(s.take(8), None);
        assert_eq!(s.take(12), Some("bias"));
        assert_eq!(s.take(12), None);
        assert_eq!(s.take(400), Some("dense"));
        assert!(s.is_empty());
    }

    #[test]
    fn keeps_at_most_its_limit() {
        let mut s = Spares::default();
        for i in 0..MOST_SPARES + 5 {
            s.put(4, i);
        }
        assert_eq!(s.len(), MOST_SPARES);
        s.clear();
        assert_eq!(s.take(4), None);
    }
}
