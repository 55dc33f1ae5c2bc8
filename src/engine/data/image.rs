//! Colour photos for the convolution lessons: a binary PPM (P6) reader, the split into R, G and B
//! planes, and filtering with the engine's own `Conv2d`, so the lessons show real convolution output.

use crate::engine::nn::layers::{Conv2d, ConvConfig, Layer};
use crate::engine::ops::shape::Padding;
use crate::engine::ops::tensor::Tensor;
use std::fmt;

/// An 8-bit RGB image, row-major, 3 bytes per pixel.
#[derive(Clone, Debug, PartialEq)]
pub struct RgbImage {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PpmError(pub String);

impl fmt::Display for PpmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a usable PPM image: {}", self.0)
    }
}

/// Parse a binary PPM: `P6`, width, height, maxval 255, one whitespace, then the pixels.
pub fn parse_ppm(bytes: &[u8]) -> Result<RgbImage, PpmError> {
    let mut fields = Vec::new();
    let mut pos = 0;
    while fields.len() < 4 {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if start == pos {
            return Err(PpmError("header ends early".into()));
        }
        fields.push(
            std::str::from_utf8(&bytes[start..pos])
                .map_err(|_| PpmError("header is not text".into()))?
                .to_string(),
        );
    }
    if fields[0] != "P6" {
        return Err(PpmError(format!("magic {:?}, expected P6", fields[0])));
    }
    let num = |s: &str| {
        s.parse::<usize>()
            .map_err(|_| PpmError(format!("{s:?} is not a number")))
    };
    let (width, height, maxval) = (num(&fields[1])?, num(&fields[2])?, num(&fields[3])?);
    if maxval != 255 || width == 0 || height == 0 || width > 4096 || height > 4096 {
        return Err(PpmError(format!("{width}×{height} with maxval {maxval}")));
    }
    let data = bytes.get(pos + 1..).unwrap_or_default();
    if data.len() != width * height * 3 {
        return Err(PpmError(format!(
            "{} pixel bytes for {width}×{height}",
            data.len()
        )));
    }
    Ok(RgbImage {
        width,
        height,
        pixels: data.to_vec(),
    })
}

impl RgbImage {
    /// Channel `c` (0 = red, 1 = green, 2 = blue) as 0–255 values.
    pub fn channel(&self, c: usize) -> Vec<f32> {
        self.pixels.chunks_exact(3).map(|p| p[c] as f32).collect()
    }

    /// Luma (ITU-R BT.601 weights), for single-channel examples.
    pub fn grey(&self) -> Vec<f32> {
        self.pixels
            .chunks_exact(3)
            .map(|p| 0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32)
            .collect()
    }

    /// All three channels as a `[1, 3, H, W]` tensor.
    pub fn to_tensor(&self) -> Tensor {
        let mut data = Vec::with_capacity(self.pixels.len());
        for c in 0..3 {
            data.extend(self.channel(c));
        }
        Tensor::from_vec(&[1, 3, self.height, self.width], data)
    }
}

/// The classic 3×3 kernels the lessons offer, by name: identity, Sobel x and y (edges where brightness
/// changes left→right or top→bottom), a Gaussian blur (weights sum to 1, so brightness is kept) and a
/// sharpen kernel (the pixel minus its neighbours' blur).
pub const PRESETS: [(&str, [f32; 9]); 5] = [
    ("identity", [0., 0., 0., 0., 1., 0., 0., 0., 0.]),
    ("edge-x", [-1., 0., 1., -2., 0., 2., -1., 0., 1.]),
    ("edge-y", [-1., -2., -1., 0., 0., 0., 1., 2., 1.]),
    (
        "blur",
        [
            0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625,
        ],
    ),
    ("sharpen", [0., -1., 0., -1., 5., -1., 0., -1., 0.]),
];

pub fn preset(name: &str) -> Option<[f32; 9]> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

/// Convolve `input` (`[1, C, H, W]`) with `kernels` (`[O, C, k, k]`, row-major) and `bias` (`[O]`),
/// `same` padding, stride 1: the engine's `Conv2d`, exactly as in a network (cross-correlation, as
/// every deep-learning library computes "convolution"). Returns `[1, O, H, W]`.
pub fn filter(input: &Tensor, kernels: &[f32], bias: &[f32], k: usize) -> Tensor {
    let c = input.shape()[1];
    let o = bias.len();
    assert_eq!(kernels.len(), o * c * k * k, "kernels must be O×C×k×k");
    let mut conv = Conv2d::new(ConvConfig::new(c, o, k, Padding::Same));
    conv.params_mut()[0].value.copy_from_slice(kernels);
    conv.params_mut()[1].value.copy_from_slice(bias);
    conv.forward(input, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ppm(w: usize, h: usize, px: &[u8]) -> Vec<u8> {
        let mut b = format!("P6\n{w} {h}\n255\n").into_bytes();
        b.extend_from_slice(px);
        b
    }

    #[test]
    fn reads_a_ppm_and_splits_channels() {
        let img = parse_ppm(&ppm(2, 1, &[10, 20, 30, 40, 50, 60])).unwrap();
        assert_eq!((img.width, img.height), (2, 1));
        assert_eq!(img.channel(0), vec![10.0, 40.0]);
        assert_eq!(img.channel(2), vec![30.0, 60.0]);
        assert_eq!(
            img.to_tensor().data(),
            &[10.0, 40.0, 20.0, 50.0, 30.0, 60.0]
        );
    }

    #[test]
    fn refuses_damaged_files() {
        assert!(parse_ppm(b"P5\n1 1\n255\n\0").is_err());
        assert!(parse_ppm(&ppm(2, 2, &[0; 11])).is_err(), "too few pixels");
        assert!(parse_ppm(b"P6\n1").is_err());
        assert!(parse_ppm(b"P6\n99999 1\n255\n").is_err());
    }

    #[test]
    fn the_shipped_photo_parses() {
        let img = parse_ppm(include_bytes!("../../../assets/photos/astronaut-128.ppm")).unwrap();
        assert_eq!((img.width, img.height), (128, 128));
    }

    #[test]
    fn identity_and_edge_kernels_do_what_they_say() {
        // A vertical edge: left half 0, right half 100.
        let data: Vec<f32> = (0..36)
            .map(|i| if i % 6 >= 3 { 100.0 } else { 0.0 })
            .collect();
        let x = Tensor::from_vec(&[1, 1, 6, 6], data.clone());
        let identity = [0., 0., 0., 0., 1., 0., 0., 0., 0.];
        assert_eq!(filter(&x, &identity, &[0.0], 3).data(), &data[..]);
        // Horizontal gradient (edge x): responds at the edge, zero in flat regions away from borders.
        let edge_x = [-1., 0., 1., -2., 0., 2., -1., 0., 1.];
        let y = filter(&x, &edge_x, &[0.0], 3);
        assert_eq!(y.data()[2 * 6 + 2], 400.0);
        assert_eq!(y.data()[2 * 6 + 1], 0.0);
        // Three channels, one kernel each, summed with a bias: one output map.
        let rgb = Tensor::from_vec(&[1, 3, 1, 1], vec![1.0, 2.0, 3.0]);
        let k = [
            0., 0., 0., 0., 10., 0., 0., 0., 0., 0., 0., 0., 0., 100., 0., 0., 0., 0., 0., 0., 0.,
            0., 1000., 0., 0., 0., 0.,
        ];
        assert_eq!(
            filter(&rgb, &k, &[5.0], 3).data(),
            &[1.0 * 10.0 + 2.0 * 100.0 + 3.0 * 1000.0 + 5.0]
        );
    }
}
