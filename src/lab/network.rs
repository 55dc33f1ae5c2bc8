//! Which network the lab shows and trains: one of the two built-in models, or the learner's own
//! design from "Build your own network". It travels in the worker's messages and in saved runs; a
//! built-in model serialises as its name ("seed", as runs saved before designs existed hold it),
//! a design as its spec.

use crate::engine::nn::model::Sequential;
use crate::engine::nn::models::ModelKind;
use crate::engine::nn::spec::ModelSpec;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Network {
    Builtin(ModelKind),
    Design(ModelSpec),
}

impl Default for Network {
    fn default() -> Self {
        Network::Builtin(ModelKind::Seed)
    }
}

impl From<ModelKind> for Network {
    fn from(k: ModelKind) -> Self {
        Network::Builtin(k)
    }
}

/// The storage slot and the select's value of a design (one designed network is kept at a time).
pub const DESIGN_KEY: &str = "design";

impl Network {
    /// The network with fresh (zero) weights, or why a design cannot be built.
    pub fn build(&self) -> Result<Sequential, String> {
        match self {
            Network::Builtin(k) => Ok(k.build()),
            Network::Design(spec) => spec.build().map_err(|e| e.to_string()),
        }
    }

    /// Where its run is saved in this browser, and its value in the model select.
    pub fn key(&self) -> &'static str {
        match self {
            Network::Builtin(k) => k.name(),
            Network::Design(_) => DESIGN_KEY,
        }
    }

    pub fn design(&self) -> Option<&ModelSpec> {
        match self {
            Network::Design(s) => Some(s),
            Network::Builtin(_) => None,
        }
    }

    /// Pretrained weights ship only for the built-in models.
    pub fn builtin(&self) -> Option<ModelKind> {
        match self {
            Network::Builtin(k) => Some(*k),
            Network::Design(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::spec::presets::tiny_spec;

    #[test]
    fn built_in_models_keep_their_old_names_and_designs_travel_whole() {
        let seed = Network::from(ModelKind::Seed);
        assert_eq!(serde_json::to_string(&seed).unwrap(), r#""seed""#);
        assert_eq!(
            serde_json::from_str::<Network>(r#""lenet5""#).unwrap(),
            ModelKind::Lenet5.into()
        );
        let design = Network::Design(tiny_spec());
        let json = serde_json::to_string(&design).unwrap();
        assert_eq!(serde_json::from_str::<Network>(&json).unwrap(), design);
        assert_eq!(design.build().unwrap().param_count(), 13_610);
        assert_eq!((seed.key(), design.key()), ("seed", DESIGN_KEY));
        let mut broken = tiny_spec();
        broken.layers.remove(2);
        assert!(Network::Design(broken)
            .build()
            .err()
            .unwrap()
            .contains("Flatten"));
    }
}
