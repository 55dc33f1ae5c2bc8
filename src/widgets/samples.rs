//! The 100 MNIST test digits shipped with the page (`assets/samples/`), for lessons and the lab.

use super::fetch::fetch_bytes;
use crate::engine::data::mnist::Dataset;

/// How many digits ship.
pub const COUNT: usize = 100;

pub async fn sample_digits() -> Result<Dataset, String> {
    let fetch = |url| async move { fetch_bytes(url).await.map_err(|e| e.to_string()) };
    let images = fetch("samples/t10k-images-100.idx").await?;
    let labels = fetch("samples/t10k-labels-100.idx").await?;
    Dataset::from_idx(&images, &labels).map_err(|e| e.to_string())
}
