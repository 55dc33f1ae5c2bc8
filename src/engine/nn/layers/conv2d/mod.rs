//! 2D convolution (cross-correlation, as in every deep-learning framework) over NCHW batches:
//! any channel counts, rectangular kernels, stride, `valid`/`same`/explicit padding, dilation, and an
//! optional input→output connection table (LeNet-5's C3). Computed as im2col + one matrix product,
//! by Winograd (3×3, stride 1), directly (few unfolded rows), or fused with a ReLU and pool after it.

mod backward;
mod direct;
mod fused;
mod im2col;
mod table;
#[cfg(test)]
mod tests;
mod winograd;

use super::{expect_chw, Layer, LayerKind, Param, ParamRole, PoolEdge};
use crate::engine::ops::matmul::matmul;
use crate::engine::ops::shape::{output_hw, Padding, ShapeError};
use crate::engine::ops::tensor::Tensor;
use direct::DirectBuffers;
use im2col::{im2col, images_per_product, reuse, Geometry, KEEP_COLUMNS};
use table::{check_table, table_mask};
use winograd::Winograd;

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
    /// One image's or group's unfolded input and its gradient, reused across images and steps;
    /// after a training forward within `KEEP_COLUMNS`, every group's columns, one after the other.
    col: Vec<f32>,
    cols_kept: bool,
    dcol: Vec<f32>,
    /// One group's product output (forward) or output gradient (backward), [O, group·area].
    out: Vec<f32>,
    /// Buffers of the Winograd path (3×3, stride 1) and the direct one, reused across steps.
    wino: Winograd,
    direct: DirectBuffers,
    /// The fused training pass's winners (`conv2d/fused`), one per pooled cell, and the
    /// pooled height and width.
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
        Self {
            cfg,
            params: vec![weight, bias],
            cache: None,
            col: Vec::new(),
            cols_kept: false,
            dcol: Vec::new(),
            out: Vec::new(),
            wino: Winograd::default(),
            direct: DirectBuffers::default(),
            winners: Vec::new(),
            pooled: (0, 0),
        }
    }

    /// Whether the forward pass and input gradient go through Winograd F(2×2, 3×3): 3×3 kernels,
    /// stride 1, no dilation, every input feeding every output, and enough input channels that its
    /// products are real matrix products (the seed model's first layer, one channel, stays on im2col).
    fn winograd(&self) -> bool {
        let c = &self.cfg;
        c.kernel == (3, 3)
            && c.stride == (1, 1)
            && c.dilation == (1, 1)
            && c.table.is_none()
            && c.in_channels >= 8
            && c.out_channels >= 8
    }

    /// Whether the layer is computed directly (`conv2d/direct`): stride 1, no dilation, every input
    /// feeding every output, and few enough unfolded rows that the matrix product is the slower.
    fn is_direct(&self) -> bool {
        let c = &self.cfg;
        c.stride == (1, 1)
            && c.dilation == (1, 1)
            && c.table.is_none()
            && direct::IN_USE
            && direct::ROWS.contains(&(c.in_channels * c.kernel.0 * c.kernel.1))
    }

    /// The Winograd shape of this layer's forward pass over `n` images.
    fn winograd_shape(&self, g: &Geometry, n: usize) -> winograd::Shape {
        winograd::Shape {
            n,
            c: g.c,
            h: g.h,
            w: g.w,
            o: self.cfg.out_channels,
            oh: g.oh,
            ow: g.ow,
            top: g.pads.top as isize,
            left: g.pads.left as isize,
        }
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
        let (o, rows, area) = (self.cfg.out_channels, g.rows(), g.out_area());
        let (in_len, group) = (g.c * g.h * g.w, images_per_product(area, n));
        let bias = &self.params[1].value;
        let mut y = vec![0.0; n * o * area];
        if self.winograd() {
            self.winograd_into(x, g, winograd::Output::Planes(&mut y), train);
            return Tensor::from_vec(&[n, o, g.oh, g.ow], y);
        }
        if self.is_direct() {
            let (w, bufs) = (&self.params[0].value, &mut self.direct);
            direct::forward(x.data(), n, &g, o, w, bias, &mut y, bufs);
            self.cache = train.then(|| (g, x.clone()));
            return Tensor::from_vec(&[n, o, g.oh, g.ow], y);
        }
        // A few images at a time: their unfolded input (rows × group·area) stays in cache, and the
        // product [O, rows]·[rows, group·area] is wide enough to keep the kernel busy.
        let keep = train && rows * n * area <= KEEP_COLUMNS;
        let per_group = rows * group * area;
        let groups = if keep { n.div_ceil(group) } else { 1 };
        let mut col = reuse(std::mem::take(&mut self.col), per_group * groups);
        let mut out = reuse(std::mem::take(&mut self.out), o * group * area);
        for (i, (xs, ys)) in x
            .data()
            .chunks(group * in_len)
            .zip(y.chunks_mut(group * o * area))
            .enumerate()
        {
            let (gn, at) = (xs.len() / in_len, if keep { i * per_group } else { 0 });
            let (col, out) = (
                &mut col[at..at + rows * gn * area],
                &mut out[..o * gn * area],
            );
            im2col(xs, gn, &g, col);
            matmul(
                o,
                gn * area,
                rows,
                &self.params[0].value,
                false,
                col,
                false,
                out,
                false,
            );
            // [O, gn·area] → [gn, O, area], adding the bias.
            for (b, yb) in ys.chunks_exact_mut(o * area).enumerate() {
                for (oc, plane) in yb.chunks_exact_mut(area).enumerate() {
                    let src = &out[(oc * gn + b) * area..(oc * gn + b + 1) * area];
                    for (d, v) in plane.iter_mut().zip(src) {
                        *d = v + bias[oc];
                    }
                }
            }
        }
        (self.col, self.cols_kept) = (col, keep);
        self.out = out;
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

    fn forward_relu_pool(
        &mut self,
        x: &Tensor,
        input_grad: bool,
        edge: PoolEdge,
    ) -> Option<Tensor> {
        self.relu_pool_forward(x, input_grad, edge)
    }

    fn backward_relu_pool(&mut self, grad: &Tensor, input_grad: bool) -> Option<Tensor> {
        self.relu_pool_backward(grad, input_grad)
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
