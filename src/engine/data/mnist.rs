//! MNIST's IDX files, read strictly: magic number, rank, sizes and item counts are checked against
//! the bytes actually present before anything is allocated, so a damaged file is a clear error.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdxError {
    TooShort { len: usize, needed: usize },
    BadMagic { found: [u8; 4], expected: [u8; 4] },
    BadDimensions(String),
    LengthMismatch { declared: usize, actual: usize },
    BadLabel { index: usize, value: u8 },
    CountMismatch { images: usize, labels: usize },
}

impl fmt::Display for IdxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdxError::TooShort { len, needed } => write!(f, "the file has {len} bytes, but its header alone needs {needed}"),
            IdxError::BadMagic { found, expected } => write!(f, "not an IDX file of the expected kind: magic {found:02x?}, expected {expected:02x?}"),
            IdxError::BadDimensions(m) => write!(f, "unexpected dimensions: {m}"),
            IdxError::LengthMismatch { declared, actual } => write!(f, "the header declares {declared} data bytes but the file holds {actual} (truncated or damaged)"),
            IdxError::BadLabel { index, value } => write!(f, "label {index} is {value}, not a digit 0–9"),
            IdxError::CountMismatch { images, labels } => write!(f, "{images} images but {labels} labels"),
        }
    }
}

impl std::error::Error for IdxError {}

/// Images as bytes (0 = background, 255 = ink), row-major, `rows × cols` each, with their labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub rows: usize,
    pub cols: usize,
    pub images: Vec<u8>,
    pub labels: Vec<u8>,
}

const IMAGES_MAGIC: [u8; 4] = [0, 0, 8, 3];
const LABELS_MAGIC: [u8; 4] = [0, 0, 8, 1];

fn be_u32(b: &[u8]) -> usize {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize
}

fn header(bytes: &[u8], magic: [u8; 4], dims: usize) -> Result<(Vec<usize>, &[u8]), IdxError> {
    let needed = 4 + 4 * dims;
    if bytes.len() < 4 {
        return Err(IdxError::TooShort {
            len: bytes.len(),
            needed,
        });
    }
    let found = [bytes[0], bytes[1], bytes[2], bytes[3]];
    if found != magic {
        return Err(IdxError::BadMagic {
            found,
            expected: magic,
        });
    }
    if bytes.len() < needed {
        return Err(IdxError::TooShort {
            len: bytes.len(),
            needed,
        });
    }
    let sizes: Vec<usize> = (0..dims).map(|i| be_u32(&bytes[4 + 4 * i..])).collect();
    let declared = sizes
        .iter()
        .try_fold(1usize, |acc, &s| acc.checked_mul(s))
        .ok_or_else(|| IdxError::BadDimensions(format!("{sizes:?} overflows")))?;
    let data = &bytes[needed..];
    if declared != data.len() {
        return Err(IdxError::LengthMismatch {
            declared,
            actual: data.len(),
        });
    }
    Ok((sizes, data))
}

/// Parse an `idx3-ubyte` image file.
pub fn parse_images(bytes: &[u8]) -> Result<(usize, usize, usize, Vec<u8>), IdxError> {
    let (sizes, data) = header(bytes, IMAGES_MAGIC, 3)?;
    let (n, rows, cols) = (sizes[0], sizes[1], sizes[2]);
    if rows == 0 || cols == 0 || rows > 1024 || cols > 1024 {
        return Err(IdxError::BadDimensions(format!("images of {rows}×{cols}")));
    }
    Ok((n, rows, cols, data.to_vec()))
}

/// Parse an `idx1-ubyte` label file; every label must be a digit.
pub fn parse_labels(bytes: &[u8]) -> Result<Vec<u8>, IdxError> {
    let (_, data) = header(bytes, LABELS_MAGIC, 1)?;
    if let Some((index, &value)) = data.iter().enumerate().find(|(_, &v)| v > 9) {
        return Err(IdxError::BadLabel { index, value });
    }
    Ok(data.to_vec())
}

impl Dataset {
    pub fn from_idx(images: &[u8], labels: &[u8]) -> Result<Self, IdxError> {
        let (n, rows, cols, images) = parse_images(images)?;
        let labels = parse_labels(labels)?;
        if labels.len() != n {
            return Err(IdxError::CountMismatch {
                images: n,
                labels: labels.len(),
            });
        }
        Ok(Self {
            rows,
            cols,
            images,
            labels,
        })
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The first `n` items (for quick runs and tests).
    pub fn take(&self, n: usize) -> Self {
        let n = n.min(self.len());
        Self {
            rows: self.rows,
            cols: self.cols,
            images: self.images[..n * self.rows * self.cols].to_vec(),
            labels: self.labels[..n].to_vec(),
        }
    }

    /// Items `idx` as a `[len, 1, rows, cols]` batch scaled to 0–1, with their labels.
    pub fn batch(&self, idx: &[usize]) -> (crate::engine::ops::tensor::Tensor, Vec<u8>) {
        let area = self.rows * self.cols;
        let mut data = Vec::with_capacity(idx.len() * area);
        for &i in idx {
            data.extend(
                self.images[i * area..(i + 1) * area]
                    .iter()
                    .map(|&b| b as f32 / 255.0),
            );
        }
        (
            crate::engine::ops::tensor::Tensor::from_vec(
                &[idx.len(), 1, self.rows, self.cols],
                data,
            ),
            idx.iter().map(|&i| self.labels[i]).collect(),
        )
    }
}

/// Build IDX bytes (for tests and for shipping small samples).
pub fn encode_idx(magic_type: u8, sizes: &[usize], data: &[u8]) -> Vec<u8> {
    let mut out = vec![0, 0, 8, magic_type];
    for s in sizes {
        out.extend((*s as u32).to_be_bytes());
    }
    out.extend_from_slice(data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> (Vec<u8>, Vec<u8>) {
        (
            encode_idx(3, &[2, 2, 3], &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]),
            encode_idx(1, &[2], &[7, 1]),
        )
    }

    #[test]
    fn reads_a_valid_pair() {
        let (i, l) = sample();
        let d = Dataset::from_idx(&i, &l).unwrap();
        assert_eq!((d.len(), d.rows, d.cols), (2, 2, 3));
        let (x, y) = d.batch(&[1]);
        assert_eq!(x.shape(), &[1, 1, 2, 3]);
        assert_eq!(x.data()[5], 1.0);
        assert_eq!(y, vec![1]);
    }

    #[test]
    fn rejects_damage_clearly() {
        let (i, l) = sample();
        assert!(matches!(
            Dataset::from_idx(&i[..i.len() - 1], &l),
            Err(IdxError::LengthMismatch { .. })
        ));
        assert!(matches!(
            Dataset::from_idx(&l, &l),
            Err(IdxError::BadMagic { .. })
        ));
        assert!(matches!(
            Dataset::from_idx(&i[..6], &l),
            Err(IdxError::TooShort { .. })
        ));
        assert!(matches!(
            Dataset::from_idx(&i, &encode_idx(1, &[2], &[7, 10])),
            Err(IdxError::BadLabel {
                index: 1,
                value: 10
            })
        ));
        assert!(matches!(
            Dataset::from_idx(&i, &encode_idx(1, &[1], &[7])),
            Err(IdxError::CountMismatch { .. })
        ));
        // A header that claims 4 billion images must not allocate: it fails on the length check.
        let huge = encode_idx(3, &[u32::MAX as usize, 28, 28], &[0; 10]);
        assert!(Dataset::from_idx(&huge, &l).is_err());
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = parse_images(&bytes);
            let _ = parse_labels(&bytes);
        }
    }
}
