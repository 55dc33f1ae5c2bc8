//! A trainable tensor with its gradient, and its role (named as in PyTorch: `weight`, `bias`).

/// What a parameter is for: it decides the initialisation and the name in a weights file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamRole {
    Weight,
    Bias,
}

impl ParamRole {
    /// The name in weights files (`0.weight`, `0.bias`: PyTorch's layout).
    pub fn name(self) -> &'static str {
        match self {
            Self::Weight => "weight",
            Self::Bias => "bias",
        }
    }
}

/// Which parameter of a model: its layer's position and its role. Optimizer state is kept per
/// `ParamId`, so it follows the parameter, not the order in which parameters happen to be visited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParamId {
    pub layer: usize,
    pub role: ParamRole,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub role: ParamRole,
    pub shape: Vec<usize>,
    pub value: Vec<f32>,
    pub grad: Vec<f32>,
    /// 1 where the value is trainable, 0 where the architecture fixes it at zero (LeNet's C3 table).
    pub mask: Option<Vec<f32>>,
}

impl Param {
    pub fn zeros(role: ParamRole, shape: &[usize]) -> Self {
        let n = shape.iter().product();
        Self {
            role,
            shape: shape.to_vec(),
            value: vec![0.0; n],
            grad: vec![0.0; n],
            mask: None,
        }
    }

    /// Trainable values: all of them, or the unmasked ones.
    pub fn count(&self) -> usize {
        match &self.mask {
            Some(m) => m.iter().filter(|&&v| v != 0.0).count(),
            None => self.value.len(),
        }
    }

    pub fn zero_grad(&mut self) {
        self.grad.fill(0.0);
    }

    /// Zero the values and gradients the mask fixes at zero.
    pub fn apply_mask(&mut self) {
        if let Some(mask) = &self.mask {
            for ((v, g), m) in self.value.iter_mut().zip(self.grad.iter_mut()).zip(mask) {
                *v *= m;
                *g *= m;
            }
        }
    }
}
