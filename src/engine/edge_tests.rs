//! The engine's API called with the odd inputs a careless caller (or a fuzzer) passes: empty
//! batches, empty score vectors, labels with no class, a zero-width bell. Each gives a defined
//! answer; none panics.

use crate::engine::lessons::conv1d::gaussian_kernel;
use crate::engine::nn::layers::{Layer, Softmax};
use crate::engine::nn::loss::{cross_entropy, softmax_cross_entropy};
use crate::engine::nn::models::{lenet5, seed};
use crate::engine::ops::tensor::Tensor;
use crate::engine::train::evaluation::EvalAccumulator;

#[test]
fn empty_and_out_of_range_inputs_have_defined_answers() {
    // Softmax over no scores: refused when a model is built, harmless when called directly.
    let mut s = Softmax::new();
    assert!(s.output_shape(&[0]).is_err());
    let y = s.forward(&Tensor::zeros(&[2, 0]), true);
    assert_eq!(y.shape(), [2, 0]);
    assert_eq!(s.backward(&Tensor::zeros(&[2, 0])).shape(), [2, 0]);
    // Prediction on an empty batch: an empty answer.
    for mut m in [seed(), lenet5()] {
        let out = m.predict(&Tensor::zeros(&[0, 1, 28, 28]));
        assert_eq!(out.len(), 0);
    }
    // A label with no class counts as the worst answer and moves no class up.
    let scores = Tensor::from_vec(&[2, 3], vec![1.0, 2.0, 3.0, 0.0, 0.0, 0.0]);
    let out = softmax_cross_entropy(&scores, &[12, 1]);
    assert!(out.loss.is_finite() && out.loss > 8.0, "{}", out.loss);
    assert_eq!(out.correct, 0);
    assert!(out.grad.item(0).iter().all(|&g| g >= 0.0));
    assert!(cross_entropy(&out.probs, &[200, 200]).is_finite());
    // σ = 0 (or nonsense) is the narrowest bell: all weight in the middle.
    assert_eq!(gaussian_kernel(2, 0.0), [0.0, 0.0, 1.0, 0.0, 0.0]);
    assert_eq!(gaussian_kernel(1, f32::NAN), [0.0, 1.0, 0.0]);
    assert!(gaussian_kernel(3, 1.0).iter().all(|v| v.is_finite()));
    // Evaluating no images: nothing counted, nothing divided by zero.
    let mut acc = EvalAccumulator::default();
    let mut m = seed();
    acc.add(&mut m, &crate::engine::testutil::bars(0), &[]);
    let ev = acc.finish();
    assert_eq!((ev.count(), ev.accuracy), (0, 0.0));
}
