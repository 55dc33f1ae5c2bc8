//! 2D convolution (cross-correlation, as in every deep-learning framework) over NCHW batches:
//! any channel counts, rectangular kernels, stride, `valid`/`same`/explicit padding, dilation, and an
//! optional input→output connection table (LeNet-5's C3). Computed as im2col + one matrix product,
//! by Winograd (3×3, stride 1), directly (few unfolded rows), or fused with a ReLU and pool after it.

mod direct;
mod fused;
mod im2col;
mod path;
mod product;
mod table;
#[cfg(test)]
mod tests;
mod winograd;

pub use path::{PathKind, Target};

use super::{expect_chw, Layer, LayerKind, Param, ParamRole};
use crate::engine::ops::shape::{output_hw, Padding, ShapeError};
use crate::engine::ops::tensor::Tensor;
use im2col::Geometry;
use path::ConvPath;
use table::{check_table, table_mask};

#[derive(Clone, Debug)]
pub struct ConvConfig {
    pub in_channels: usize,
    pub out_channels: usize,
    pub kernel: (usize, usize),
    pub stride: (usize, usize),
    pub padding: Padding,
    pub dilation: (usize, usize),
    /// For each output channel, the input channels it reads. `None`: every input feeds every output.
    pub table: Option<Vec<Vec<usize>>>,
}

impl ConvConfig {
    /// A square-kernel, stride-1, undilated convolution.
    pub fn new(in_channels: usize, out_channels: usize, kernel: usize, padding: Padding) -> Self {
        Self {
            in_channels,
            out_channels,
            kernel: (kernel, kernel),
            stride: (1, 1),
            padding,
            dilation: (1, 1),
            table: None,
        }
    }
    pub fn stride(mut self, s: (usize, usize)) -> Self {
        self.stride = s;
        self
    }
    pub fn dilation(mut self, d: (usize, usize)) -> Self {
        self.dilation = d;
        self
    }
    pub fn table(mut self, table: Vec<Vec<usize>>) -> Self {
        self.table = Some(table);
        self
    }
}

pub struct Conv2d {
    cfg: ConvConfig,
    params: Vec<Param>,
    /// Training cache: geometry and the input.
    cache: Option<(Geometry, Tensor)>,
    /// How this layer is computed, with that way's buffers.
    path: ConvPath,
    /// The fused training pass's winners (`fused`), one per pooled cell, and the pooled height
    /// and width.
    winners: Vec<u8>,
    pooled: (usize, usize),
}

impl Conv2d {
    /// Weights start at zero; `init::glorot_uniform` fills them as Keras does.
    pub fn new(cfg: ConvConfig) -> Self {
        let (kh, kw) = cfg.kernel;
        let mut weight = Param::zeros(
            ParamRole::Weight,
            &[cfg.out_channels, cfg.in_channels, kh, kw],
        );
        weight.mask = cfg.table.as_ref().map(|t| table_mask(t, &cfg));
        let bias = Param::zeros(ParamRole::Bias, &[cfg.out_channels]);
        let path = ConvPath::new(PathKind::for_layer(&cfg, Target::HERE));
        Self {
            cfg,
            params: vec![weight, bias],
            cache: None,
            path,
            winners: Vec::new(),
            pooled: (0, 0),
        }
    }

    /// How this layer is computed (`PathKind`'s table).
    pub fn path(&self) -> PathKind {
        self.path.kind()
    }

    pub fn config(&self) -> &ConvConfig {
        &self.cfg
    }

    /// Input channels feeding output channel `o`.
    pub fn inputs_of(&self, o: usize) -> Vec<usize> {
        match &self.cfg.table {
            Some(t) => t.get(o).cloned().unwrap_or_default(),
            None => (0..self.cfg.in_channels).collect(),
        }
    }

    fn geometry(&self, c: usize, h: usize, w: usize) -> Result<Geometry, ShapeError> {
        if c != self.cfg.in_channels {
            return Err(ShapeError::Mismatch(format!(
                "Conv2D expects {} input channels, got {c}",
                self.cfg.in_channels
            )));
        }
        let (oh, ow, pads) = output_hw(
            self.cfg.padding,
            h,
            w,
            self.cfg.kernel,
            self.cfg.stride,
            self.cfg.dilation,
        )?;
        let (kh, kw) = self.cfg.kernel;
        let (sh, sw) = self.cfg.stride;
        let (dh, dw) = self.cfg.dilation;
        Ok(Geometry {
            c,
            h,
            w,
            kh,
            kw,
            sh,
            sw,
            dh,
            dw,
            pads,
            oh,
            ow,
        })
    }

    /// Adds the parameter gradients for the last training forward; with `input_grad`, also
    /// returns d(loss)/d(input).
    fn backward_impl(&mut self, grad_out: &Tensor, input_grad: bool) -> Option<Tensor> {
        let (g, x) = self
            .cache
            .as_ref()
            .expect("Conv2D: backward needs a training forward first");
        let (g, n, o) = (*g, x.batch(), self.cfg.out_channels);
        let (x, dy, params) = (x.data(), grad_out.data(), &mut self.params);
        let dx = match &mut self.path {
            ConvPath::Winograd(wino) => {
                winograd::layer::backward(wino, params, x, n, &g, dy, input_grad)
            }
            ConvPath::Direct { buffers, .. } => {
                let mut dx = vec![0.0; if input_grad { n * g.c * g.h * g.w } else { 0 }];
                let (weight, bias) = params.split_at_mut(1);
                direct::backward(
                    x,
                    n,
                    &g,
                    o,
                    &weight[0].value,
                    dy,
                    &mut weight[0].grad,
                    &mut bias[0].grad,
                    input_grad.then_some(&mut dx[..]),
                    buffers,
                );
                input_grad.then_some(dx)
            }
            ConvPath::Im2col(unfolded) => {
                product::backward(unfolded, params, x, n, &g, dy, input_grad)
            }
        };
        dx.map(|dx| Tensor::from_vec(&[n, g.c, g.h, g.w], dx))
    }
}

impl Layer for Conv2d {
    fn kind(&self) -> LayerKind {
        LayerKind::Conv2D
    }

    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        let (c, h, w) = expect_chw("Conv2D", input)?;
        if let Some(t) = &self.cfg.table {
            check_table(t, self.cfg.out_channels, c)?;
        }
        let g = self.geometry(c, h, w)?;
        Ok(vec![self.cfg.out_channels, g.oh, g.ow])
    }

    fn forward(&mut self, x: &Tensor, train: bool) -> Tensor {
        let s = x.shape();
        let n = s[0];
        let g = self
            .geometry(s[1], s[2], s[3])
            .expect("Conv2D: input shape was validated when the model was built");
        let (o, area) = (self.cfg.out_channels, g.out_area());
        let params = &self.params;
        let y = match &mut self.path {
            ConvPath::Winograd(wino) => {
                let mut y = vec![0.0; n * o * area];
                let planes = winograd::Output::Planes(&mut y);
                winograd::layer::forward(wino, params, x.data(), n, &g, planes);
                y
            }
            ConvPath::Direct { buffers, .. } => {
                let mut y = vec![0.0; n * o * area];
                let (w, bias) = (&params[0].value, &params[1].value);
                direct::forward(x.data(), n, &g, o, w, bias, &mut y, buffers);
                y
            }
            ConvPath::Im2col(unfolded) => {
                product::forward(unfolded, params, x.data(), n, &g, train)
            }
        };
        self.cache = train.then(|| (g, x.clone()));
        Tensor::from_vec(&[n, o, g.oh, g.ow], y)
    }

    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        self.backward_impl(grad_out, true)
            .expect("asked for the input gradient")
    }

    fn backward_params(&mut self, grad_out: &Tensor) {
        self.backward_impl(grad_out, false);
    }

    fn params(&self) -> &[Param] {
        &self.params
    }
    fn params_mut(&mut self) -> &mut [Param] {
        &mut self.params
    }

    fn connections(&self, input: &[usize]) -> Option<u64> {
        let out = self.output_shape(input).ok()?;
        let (kh, kw) = self.cfg.kernel;
        let per_position: usize = (0..self.cfg.out_channels)
            .map(|o| self.inputs_of(o).len() * kh * kw + 1)
            .sum();
        Some((per_position * out[1] * out[2]) as u64)
    }

    fn constrain(&mut self) {
        self.params[0].apply_mask();
    }

    /// Output maps grouped by how many input maps they read (C3: 6 read 3, 9 read 4, 1 reads all 6).
    fn count_formula(&self, input: &[usize]) -> Option<super::CountFormula> {
        let out = self.output_shape(input).ok()?;
        let (kh, kw) = self.cfg.kernel;
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for o in 0..self.cfg.out_channels {
            let n = self.inputs_of(o).len();
            match groups.iter_mut().find(|g| g.0 == n) {
                Some(g) => g.1 += 1,
                None => groups.push((n, 1)),
            }
        }
        let terms: Vec<String> = groups
            .iter()
            .map(|(n, maps)| format!("{maps}×({n}×{kh}×{kw}+1)"))
            .collect();
        let per_position = self.param_count() as u64;
        let g = crate::engine::numfmt::group_thousands;
        Some(super::CountFormula {
            params: format!("{} = {}", terms.join(" + "), g(per_position)),
            connections: format!(
                "{} × {}×{} = {}",
                g(per_position),
                out[1],
                out[2],
                g(self.connections(input)?)
            ),
        })
    }
}
