//! Optimizers with Keras 3's exact update rules and defaults, so a Keras recipe means the same here.
//! - SGD: v ← μ·v − lr·g; w ← w + v (plain SGD when μ = 0)
//! - RMSprop: s ← ρ·s + (1−ρ)·g²; w ← w − lr·g/√(s + ε), ρ = 0.9, ε = 1e-7 (Keras 3 puts ε inside
//!   the root; with ε = 1e-7 that damps steps of parameters whose gradients are tiny)
//! - Adam: m ← m + (1−β₁)(g − m); v ← v + (1−β₂)(g² − v); w ← w − lr·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε)

use crate::engine::nn::layers::{Param, ParamId};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptimizerKind {
    Sgd {
        momentum: f32,
    },
    RmsProp {
        rho: f32,
        epsilon: f32,
    },
    Adam {
        beta1: f32,
        beta2: f32,
        epsilon: f32,
    },
}

impl OptimizerKind {
    pub fn sgd(momentum: f32) -> Self {
        Self::Sgd { momentum }
    }
    pub fn rmsprop() -> Self {
        Self::RmsProp {
            rho: 0.9,
            epsilon: 1e-7,
        }
    }
    pub fn adam() -> Self {
        Self::Adam {
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-7,
        }
    }
    pub fn name(&self) -> &'static str {
        match self {
            Self::Sgd { momentum } if *momentum == 0.0 => "sgd",
            Self::Sgd { .. } => "momentum",
            Self::RmsProp { .. } => "rmsprop",
            Self::Adam { .. } => "adam",
        }
    }
}

/// An optimizer as a learner picks it (the lab's menu, `--optimizer`, saved runs): Keras's defaults
/// for each rule, SGD with momentum 0.9 as "momentum".
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
pub enum OptimizerChoice {
    Sgd,
    Momentum,
    #[cfg_attr(not(target_arch = "wasm32"), value(name = "rmsprop"))]
    RmsProp,
    Adam,
}

impl OptimizerChoice {
    pub fn kind(self) -> OptimizerKind {
        match self {
            Self::Sgd => OptimizerKind::sgd(0.0),
            Self::Momentum => OptimizerKind::sgd(0.9),
            Self::RmsProp => OptimizerKind::rmsprop(),
            Self::Adam => OptimizerKind::adam(),
        }
    }
    /// The serialised name: "sgd", "momentum", "rmsprop", "adam".
    pub fn name(self) -> &'static str {
        match self {
            Self::Sgd => "sgd",
            Self::Momentum => "momentum",
            Self::RmsProp => "rmsprop",
            Self::Adam => "adam",
        }
    }
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Sgd, Self::Momentum, Self::RmsProp, Self::Adam]
            .into_iter()
            .find(|c| c.name() == name)
    }
}

pub struct Optimizer {
    pub kind: OptimizerKind,
    pub lr: f32,
    /// Per parameter: first and second moment slots (as many as the rule needs).
    slots: BTreeMap<ParamId, [Vec<f32>; 2]>,
    steps: u64,
}

impl Optimizer {
    pub fn new(kind: OptimizerKind, lr: f32) -> Self {
        Self {
            kind,
            lr,
            slots: BTreeMap::new(),
            steps: 0,
        }
    }

    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Apply one update to every parameter from its accumulated gradient.
    pub fn step<'a>(&mut self, params: impl Iterator<Item = (ParamId, &'a mut Param)>) {
        self.steps += 1;
        let t = self.steps as i32;
        let lr = self.lr;
        for (id, p) in params {
            let n = p.value.len();
            let slot = self
                .slots
                .entry(id)
                .or_insert_with(|| [vec![0.0; n], vec![0.0; n]]);
            if slot[0].len() != n {
                // A different parameter under the same identity (the model was rebuilt): its old
                // moments mean nothing for it.
                *slot = [vec![0.0; n], vec![0.0; n]];
            }
            let [m, v] = slot;
            match self.kind {
                OptimizerKind::Sgd { momentum } => {
                    for ((w, g), m) in p.value.iter_mut().zip(&p.grad).zip(m.iter_mut()) {
                        *m = momentum * *m - lr * g;
                        *w += *m;
                    }
                }
                OptimizerKind::RmsProp { rho, epsilon } => {
                    for ((w, g), s) in p.value.iter_mut().zip(&p.grad).zip(v.iter_mut()) {
                        *s = rho * *s + (1.0 - rho) * g * g;
                        *w -= lr * g / (*s + epsilon).sqrt();
                    }
                }
                OptimizerKind::Adam {
                    beta1,
                    beta2,
                    epsilon,
                } => {
                    let alpha = lr * (1.0 - beta2.powi(t)).sqrt() / (1.0 - beta1.powi(t));
                    for (((w, g), m), v) in p
                        .value
                        .iter_mut()
                        .zip(&p.grad)
                        .zip(m.iter_mut())
                        .zip(v.iter_mut())
                    {
                        *m += (1.0 - beta1) * (g - *m);
                        *v += (1.0 - beta2) * (g * g - *v);
                        *w -= alpha * *m / (v.sqrt() + epsilon);
                    }
                }
            }
            p.apply_mask();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::layers::ParamRole;

    const ID: ParamId = ParamId {
        layer: 0,
        role: ParamRole::Weight,
    };

    fn one_param(w: f32, g: f32) -> Param {
        let mut p = Param::zeros(ParamRole::Weight, &[1]);
        p.value[0] = w;
        p.grad[0] = g;
        p
    }

    #[test]
    fn rmsprop_first_step_by_hand() {
        let mut p = one_param(1.0, 0.5);
        let mut opt = Optimizer::new(OptimizerKind::rmsprop(), 0.01);
        opt.step(std::iter::once((ID, &mut p)));
        // s = 0.1·0.25 = 0.025; step = 0.01·0.5/√(0.025 + 1e-7)
        let want = 1.0 - 0.01 * 0.5 / (0.025f32 + 1e-7).sqrt();
        assert!((p.value[0] - want).abs() < 1e-7);
    }

    #[test]
    fn adam_first_step_is_lr_sized() {
        let mut p = one_param(1.0, 123.0);
        let mut opt = Optimizer::new(OptimizerKind::adam(), 0.001);
        opt.step(std::iter::once((ID, &mut p)));
        assert!((p.value[0] - 0.999).abs() < 1e-6);
    }

    #[test]
    fn sgd_momentum_accumulates() {
        let mut p = one_param(0.0, 1.0);
        let mut opt = Optimizer::new(OptimizerKind::sgd(0.9), 0.1);
        opt.step(std::iter::once((ID, &mut p)));
        opt.step(std::iter::once((ID, &mut p)));
        assert!((p.value[0] - (-0.1 - 0.19)).abs() < 1e-6);
    }

    #[test]
    fn all_optimizers_minimise_a_quadratic() {
        for kind in [
            OptimizerKind::sgd(0.0),
            OptimizerKind::sgd(0.9),
            OptimizerKind::rmsprop(),
            OptimizerKind::adam(),
        ] {
            let mut p = one_param(3.0, 0.0);
            let mut opt = Optimizer::new(kind, 0.05);
            for _ in 0..500 {
                p.grad[0] = 2.0 * p.value[0];
                opt.step(std::iter::once((ID, &mut p)));
            }
            assert!(p.value[0].abs() < 0.1, "{kind:?} ended at {}", p.value[0]);
        }
    }

    #[test]
    fn state_follows_each_parameter_whatever_the_visiting_order() {
        let param = |g: f32| {
            let mut p = Param::zeros(ParamRole::Weight, &[1]);
            p.grad[0] = g;
            p
        };
        let ids = [
            ID,
            ParamId {
                layer: 1,
                role: ParamRole::Bias,
            },
        ];
        for kind in [
            OptimizerKind::sgd(0.9),
            OptimizerKind::rmsprop(),
            OptimizerKind::adam(),
        ] {
            let (mut a1, mut b1, mut a2, mut b2) =
                (param(1.0), param(-3.0), param(1.0), param(-3.0));
            let (mut same, mut swapped) = (Optimizer::new(kind, 0.1), Optimizer::new(kind, 0.1));
            for step in 0..3 {
                same.step([(ids[0], &mut a1), (ids[1], &mut b1)].into_iter());
                if step % 2 == 0 {
                    swapped.step([(ids[0], &mut a2), (ids[1], &mut b2)].into_iter());
                } else {
                    swapped.step([(ids[1], &mut b2), (ids[0], &mut a2)].into_iter());
                }
            }
            assert_eq!(
                (a1.value[0], b1.value[0]),
                (a2.value[0], b2.value[0]),
                "{kind:?}"
            );
        }
    }
}
