use super::*;
use crate::engine::nn::layers::ConvConfig;
use crate::engine::nn::models::{lenet5, seed};
use crate::engine::ops::tensor::Tensor;
use proptest::prelude::*;

fn path_to(model: &Sequential, name: &str) -> Option<FieldPath> {
    let at = model.layers().iter().position(|l| l.name == name)?;
    FieldPath::of(model, at)
}

#[test]
fn the_seed_models_fields_grow_by_the_formula() {
    let model = seed();
    let sizes: Vec<_> = ["conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1"]
        .iter()
        .map(|n| {
            let p = path_to(&model, n).unwrap();
            (p.size(), p.jump())
        })
        .collect();
    assert_eq!(
        sizes,
        [
            ((3, 3), (1, 1)),
            ((4, 4), (2, 2)),
            ((8, 8), (2, 2)),
            ((10, 10), (4, 4))
        ]
    );
    assert_eq!(path_to(&model, "flatten"), None);
    let dense = model.layers().len() - 1;
    assert_eq!(FieldPath::of(&model, dense), None);
    assert_eq!(FieldPath::of(&model, dense + 1), None);
}

#[test]
fn lenet5s_c5_sees_the_whole_padded_image_and_says_it_was_clipped() {
    let model = lenet5();
    let c5 = path_to(&model, "C5").unwrap();
    assert_eq!(c5.size(), (32, 32));
    let field = c5.cell(0, 0);
    assert_eq!((field.rows.clone(), field.cols.clone()), (0..28, 0..28));
    assert!(field.clipped);
    let c1 = path_to(&model, "C1").unwrap();
    let middle = c1.cell(10, 12);
    assert_eq!(
        (middle.rows, middle.cols, middle.clipped),
        (8..13, 10..15, false)
    );
    let corner = c1.cell(0, 0);
    assert_eq!((corner.size(), corner.clipped), ((3, 3), true));
}

#[derive(Clone, Debug)]
enum Window {
    Conv {
        k: usize,
        s: usize,
        d: usize,
        same: bool,
    },
    Avg {
        k: usize,
        s: usize,
        same: bool,
    },
}

fn windows() -> impl Strategy<Value = Vec<Window>> {
    let one = prop_oneof![
        (1usize..5, 1usize..3, 1usize..3, any::<bool>()).prop_map(|(k, s, d, same)| Window::Conv {
            k,
            s,
            d,
            same
        }),
        (1usize..4, 1usize..4, any::<bool>()).prop_map(|(k, s, same)| Window::Avg { k, s, same }),
    ];
    proptest::collection::vec(one, 1..5)
}

fn build(side: usize, stack: &[Window]) -> Option<Sequential> {
    let mut model = Sequential::new("stack", &[1, side, side]);
    for (i, w) in stack.iter().enumerate() {
        let pad = |same| if same { Padding::Same } else { Padding::Valid };
        model = match *w {
            Window::Conv { k, s, d, same } => {
                let cfg = ConvConfig::new(1, 1, k, pad(same))
                    .stride((s, s))
                    .dilation((d, d));
                model.push(&format!("conv{i}"), Conv2d::new(cfg))
            }
            Window::Avg { k, s, same } => model.push(
                &format!("avg{i}"),
                AvgPool2d::new(PoolConfig::new(k, s, pad(same))),
            ),
        }
        .ok()?;
    }
    for named in model.layers_mut() {
        let params = named.layer.params_mut();
        if let Some(kernel) = params.iter_mut().next() {
            kernel.value.fill(1.0);
        }
    }
    Some(model)
}

/// The input pixels whose gradient is not zero when only cell (`row`, `col`) of the last map is.
fn dependence(model: &mut Sequential, side: usize, row: usize, col: usize) -> Field {
    let mut x = Tensor::from_vec(&[1, 1, side, side], vec![0.5; side * side]);
    for named in model.layers_mut() {
        x = named.layer.forward(&x, true);
    }
    let (h, w) = (x.shape()[2], x.shape()[3]);
    let mut grad = vec![0.0; h * w];
    grad[row % h * w + col % w] = 1.0;
    let mut g = Tensor::from_vec(&[1, 1, h, w], grad);
    for named in model.layers_mut().iter_mut().rev() {
        g = named.layer.backward(&g);
    }
    let hit: Vec<_> = (0..side * side).filter(|&i| g.data()[i] != 0.0).collect();
    let box_of = |axis: &dyn Fn(usize) -> usize| {
        let min = hit.iter().map(|&i| axis(i)).min();
        min.map_or(0..0, |a| {
            a..hit.iter().map(|&i| axis(i)).max().unwrap_or(a) + 1
        })
    };
    Field {
        rows: box_of(&|i| i / side),
        cols: box_of(&|i| i % side),
        clipped: false,
    }
}

proptest! {
    #[test]
    fn the_field_is_what_back_propagation_reaches(
        side in 8usize..24, stack in windows(), row in 0usize..64, col in 0usize..64,
    ) {
        let model = build(side, &stack);
        prop_assume!(model.is_some());
        let mut model = model.unwrap();
        let last = model.layers().len() - 1;
        let [_, h, w] = *model.layer_input_shape(last + 1) else { panic!() };
        prop_assume!(h > 0 && w > 0);
        let path = FieldPath::of(&model, last).unwrap();
        let field = path.cell(row % h, col % w);
        let reached = dependence(&mut model, side, row, col);
        prop_assert_eq!((&field.rows, &field.cols), (&reached.rows, &reached.cols));
        if !field.clipped {
            prop_assert_eq!(field.size(), path.size());
        }
    }
}
