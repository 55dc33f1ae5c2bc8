//! Turn a drawing into the kind of 28×28 image MNIST is made of.
//!
//! MNIST's digits were (LeCun et al.) size-normalised to fit a 20×20 box keeping their aspect ratio,
//! anti-aliased to grey levels, and then centred in 28×28 by their centre of mass. A network trained on
//! MNIST expects exactly that, so a raw drawing (thin or fat, in a corner, too big) is misread unless it
//! goes through the same steps. Here they are, on an ink-coverage image (0 = paper, 255 = full ink).

/// Side of the box the digit is scaled to fit, and of the final image.
pub const BOX: usize = 20;
pub const SIDE: usize = 28;

/// Pixels at or below this coverage count as paper when finding the digit's bounding box.
const PAPER: u8 = 8;

/// `ink` is `width × height`, row-major. Returns the 28×28 MNIST-style image (0–255), or `None` when
/// nothing is drawn.
pub fn mnist_style(ink: &[u8], width: usize, height: usize) -> Option<Vec<u8>> {
    assert_eq!(
        ink.len(),
        width * height,
        "ink image must be width × height"
    );
    let (x0, y0, x1, y1) = bounding_box(ink, width, height)?;
    let (cw, ch) = (x1 - x0 + 1, y1 - y0 + 1);
    // Scale the longer side to 20 and keep the aspect ratio (a "1" stays thin).
    let scale = BOX as f32 / cw.max(ch) as f32;
    let tw = ((cw as f32 * scale).round() as usize).clamp(1, BOX);
    let th = ((ch as f32 * scale).round() as usize).clamp(1, BOX);
    let small = area_resize(ink, width, (x0, y0, cw, ch), tw, th);

    // Centre of mass of the scaled digit, moved to the centre of the 28×28 image.
    let (mut mass, mut mx, mut my) = (0.0f32, 0.0f32, 0.0f32);
    for y in 0..th {
        for x in 0..tw {
            let v = small[y * tw + x];
            mass += v;
            mx += v * (x as f32 + 0.5);
            my += v * (y as f32 + 0.5);
        }
    }
    let (cx, cy) = (mx / mass, my / mass);
    let half = SIDE as f32 / 2.0;
    // Keep the whole box inside the image even when the mass sits far off-centre.
    let ox = ((half - cx).round() as i64).clamp(0, (SIDE - tw) as i64) as usize;
    let oy = ((half - cy).round() as i64).clamp(0, (SIDE - th) as i64) as usize;
    let mut out = vec![0u8; SIDE * SIDE];
    for y in 0..th {
        for x in 0..tw {
            out[(y + oy) * SIDE + x + ox] = small[y * tw + x].round().clamp(0.0, 255.0) as u8;
        }
    }
    Some(out)
}

/// Resample a whole `w × h` image to `tw × th` by area averaging (each new pixel is the mean of the old
/// pixels it covers), as the image-encoding lesson shows a digit at 8, 16, 28 and 32 pixels a side.
pub fn resize(img: &[u8], w: usize, h: usize, tw: usize, th: usize) -> Vec<u8> {
    assert_eq!(img.len(), w * h, "image must be w × h");
    area_resize(img, w, (0, 0, w, h), tw.max(1), th.max(1))
        .into_iter()
        .map(|v| v.round().clamp(0.0, 255.0) as u8)
        .collect()
}

/// Smallest rectangle `(x0, y0, x1, y1)` (inclusive) holding every inked pixel.
fn bounding_box(ink: &[u8], width: usize, height: usize) -> Option<(usize, usize, usize, usize)> {
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..height {
        for x in 0..width {
            if ink[y * width + x] > PAPER {
                x0 = x0.min(x);
                x1 = x1.max(x);
                y0 = y0.min(y);
                y1 = y1.max(y);
            }
        }
    }
    (x0 != usize::MAX).then_some((x0, y0, x1, y1))
}

/// Box-filter resampling of the crop `(x0, y0, w, h)` to `tw × th`: every output pixel is the
/// area-weighted mean of the input pixels it covers, which is what anti-aliasing to grey levels means.
fn area_resize(
    ink: &[u8],
    width: usize,
    crop: (usize, usize, usize, usize),
    tw: usize,
    th: usize,
) -> Vec<f32> {
    let (x0, y0, w, h) = crop;
    let (sx, sy) = (w as f32 / tw as f32, h as f32 / th as f32);
    let mut out = vec![0.0f32; tw * th];
    for oy in 0..th {
        let (fy0, fy1) = (oy as f32 * sy, (oy + 1) as f32 * sy);
        for ox in 0..tw {
            let (fx0, fx1) = (ox as f32 * sx, (ox + 1) as f32 * sx);
            let mut sum = 0.0f32;
            for iy in fy0.floor() as usize..(fy1.ceil() as usize).min(h) {
                let wy = (fy1.min(iy as f32 + 1.0) - fy0.max(iy as f32)).max(0.0);
                for ix in fx0.floor() as usize..(fx1.ceil() as usize).min(w) {
                    let wx = (fx1.min(ix as f32 + 1.0) - fx0.max(ix as f32)).max(0.0);
                    sum += wx * wy * ink[(y0 + iy) * width + x0 + ix] as f32;
                }
            }
            out[oy * tw + ox] = sum / (sx * sy);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn canvas(w: usize, h: usize, rects: &[(usize, usize, usize, usize)]) -> Vec<u8> {
        let mut ink = vec![0u8; w * h];
        for &(x, y, rw, rh) in rects {
            for yy in y..y + rh {
                for xx in x..x + rw {
                    ink[yy * w + xx] = 255;
                }
            }
        }
        ink
    }

    #[test]
    fn blank_drawing_gives_none() {
        assert_eq!(mnist_style(&vec![0; 100 * 80], 100, 80), None);
    }

    #[test]
    fn a_square_in_a_corner_is_scaled_to_20_and_centred() {
        let out = mnist_style(&canvas(200, 200, &[(0, 0, 50, 50)]), 200, 200).unwrap();
        let inked: Vec<(usize, usize)> = (0..SIDE * SIDE)
            .filter(|&i| out[i] > 0)
            .map(|i| (i % SIDE, i / SIDE))
            .collect();
        assert_eq!(inked.len(), 400, "a full 20×20 box");
        assert_eq!(inked.iter().map(|p| p.0).min(), Some(4));
        assert_eq!(inked.iter().map(|p| p.1).max(), Some(23));
        assert!(out.iter().all(|&v| v == 0 || v == 255));
    }

    #[test]
    fn a_thin_stroke_keeps_its_aspect_ratio() {
        // A "1": 10 wide, 100 tall → 2 wide, 20 tall.
        let out = mnist_style(&canvas(280, 280, &[(135, 90, 10, 100)]), 280, 280).unwrap();
        let cols: Vec<usize> = (0..SIDE)
            .filter(|&x| (0..SIDE).any(|y| out[y * SIDE + x] > 0))
            .collect();
        let rows: Vec<usize> = (0..SIDE)
            .filter(|&y| (0..SIDE).any(|x| out[y * SIDE + x] > 0))
            .collect();
        assert_eq!(cols, vec![13, 14]);
        assert_eq!(rows.len(), 20);
    }

    #[test]
    fn partial_coverage_becomes_grey() {
        // 30 px wide crop scaled to 20: edges land between pixels and are grey.
        let out = mnist_style(
            &canvas(100, 100, &[(10, 10, 30, 30), (45, 10, 1, 1)]),
            100,
            100,
        )
        .unwrap();
        assert!(
            out.iter().any(|&v| v > 0 && v < 255),
            "some anti-aliased grey pixels"
        );
    }

    #[test]
    fn resize_averages_areas() {
        // 4×4 → 2×2: each output is the mean of a 2×2 block.
        let img: Vec<u8> = vec![
            0, 0, 100, 100, 0, 0, 100, 100, 200, 200, 40, 40, 200, 200, 40, 40,
        ];
        assert_eq!(resize(&img, 4, 4, 2, 2), vec![0, 100, 200, 40]);
        // Up-sampling a 2×2 to 4×4 repeats each pixel.
        assert_eq!(resize(&[0, 100, 200, 40], 2, 2, 4, 4), img);
        // 28 → 32 keeps the mean brightness.
        let digit: Vec<u8> = (0..784).map(|i| ((i * 37) % 256) as u8).collect();
        let mean = |v: &[u8]| v.iter().map(|&x| x as f64).sum::<f64>() / v.len() as f64;
        assert!((mean(&resize(&digit, 28, 28, 32, 32)) - mean(&digit)).abs() < 1.0);
    }

    proptest! {
        /// Any drawing gives a 28×28 image whose ink fits a 20×20 box and whose centre of mass is near the centre.
        #[test]
        fn always_fits_and_centres(w in 20usize..120, h in 20usize..120, rects in prop::collection::vec((0usize..100, 0usize..100, 1usize..40, 1usize..40), 1..4)) {
            let rects: Vec<_> = rects.into_iter().map(|(x, y, rw, rh)| (x % w, y % h, rw.min(w - x % w), rh.min(h - y % h))).collect();
            let out = mnist_style(&canvas(w, h, &rects), w, h).unwrap();
            prop_assert_eq!(out.len(), SIDE * SIDE);
            let inked: Vec<usize> = (0..SIDE * SIDE).filter(|&i| out[i] > 0).collect();
            prop_assert!(!inked.is_empty());
            let span = |f: &dyn Fn(usize) -> usize| inked.iter().map(|&i| f(i)).max().unwrap() - inked.iter().map(|&i| f(i)).min().unwrap();
            prop_assert!(span(&|i| i % SIDE) < BOX && span(&|i| i / SIDE) < BOX);
        }
    }
}
