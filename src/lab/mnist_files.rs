//! The lab's MNIST files on the wire: the four standard IDX files, each gzip'd (11.4 MB instead of
//! 55 MB), unpacked and checked in the worker. Plain Rust, so the checks are tested natively.

use crate::engine::data::mnist::Dataset;
use flate2::read::GzDecoder;
use std::io::Read;

/// File names under the page's `mnist/` folder, in the order the worker receives them.
pub const FILES: [&str; 4] = [
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
];

/// The largest unpacked file we accept (the training images are 47,040,016 bytes): a corrupt or
/// hostile stream cannot make us allocate more.
const MAX_UNPACKED: u64 = 48_000_000;

pub fn gunzip(name: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    GzDecoder::new(bytes)
        .take(MAX_UNPACKED + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{name}: not a valid gzip file ({e})"))?;
    if out.len() as u64 > MAX_UNPACKED {
        return Err(format!("{name}: unpacks to more than {MAX_UNPACKED} bytes"));
    }
    Ok(out)
}

/// Unpack and check all four files: (training set, test set).
pub fn datasets(files: &[Vec<u8>]) -> Result<(Dataset, Dataset), String> {
    if files.len() != 4 {
        return Err(format!("expected 4 MNIST files, got {}", files.len()));
    }
    let unpacked: Vec<Vec<u8>> = files
        .iter()
        .zip(FILES)
        .map(|(b, n)| gunzip(n, b))
        .collect::<Result<_, _>>()?;
    let train =
        Dataset::from_idx(&unpacked[0], &unpacked[1]).map_err(|e| format!("training set: {e}"))?;
    let test =
        Dataset::from_idx(&unpacked[2], &unpacked[3]).map_err(|e| format!("test set: {e}"))?;
    if (train.rows, train.cols, test.rows, test.cols) != (28, 28, 28, 28) {
        return Err("MNIST images must be 28×28".into());
    }
    Ok((train, test))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::data::mnist::encode_idx;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn files(n: usize) -> Vec<Vec<u8>> {
        let images = encode_idx(3, &[n, 28, 28], &vec![7u8; n * 784]);
        let labels = encode_idx(1, &[n], &vec![3u8; n]);
        vec![gz(&images), gz(&labels), gz(&images), gz(&labels)]
    }

    #[test]
    fn good_files_unpack() {
        let (train, test) = datasets(&files(5)).unwrap();
        assert_eq!((train.len(), test.len()), (5, 5));
    }

    #[test]
    fn damage_is_reported_by_name() {
        let mut f = files(5);
        let half = f[2].len() / 2;
        f[2].truncate(half);
        assert!(
            datasets(&f).unwrap_err().contains("t10k-images"),
            "truncated gzip"
        );
        let mut f = files(5);
        f[1] = gz(b"not idx at all");
        assert!(datasets(&f).unwrap_err().starts_with("training set"));
        assert!(datasets(&f[..3]).is_err());
    }
}
