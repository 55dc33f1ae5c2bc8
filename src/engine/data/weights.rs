//! Model weights as safetensors, in PyTorch's layout (conv `[O, C, KH, KW]`, dense `[out, in]`) and
//! names (`"{layer index}.weight"`, `"{layer index}.bias"`), so an equivalent `torch.nn.Sequential`
//! loads them with `load_state_dict` (see docs/models.md). Loading validates everything first and only
//! then copies, so a bad file leaves the model in memory untouched.

use crate::engine::nn::model::Sequential;
use safetensors::tensor::{Dtype, SafeTensors, TensorView};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum WeightsError {
    /// Not a safetensors file at all (or damaged beyond reading).
    Unreadable(String),
    Missing(String),
    Unexpected(String),
    WrongDtype {
        name: String,
        found: String,
    },
    WrongShape {
        name: String,
        expected: Vec<usize>,
        found: Vec<usize>,
    },
    NotFinite(String),
    /// Finite, but far beyond any trained network's weights: the outputs would overflow to NaN.
    TooLarge {
        name: String,
        max: f32,
    },
}

/// The largest weight magnitude accepted (trained CNN weights stay within a few units).
pub const MAX_WEIGHT: f32 = 1e6;

impl fmt::Display for WeightsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WeightsError::Unreadable(m) => write!(f, "not a readable safetensors file: {m}"),
            WeightsError::Missing(n) => write!(f, "tensor \"{n}\" is missing"),
            WeightsError::Unexpected(n) => {
                write!(f, "tensor \"{n}\" does not belong to this model")
            }
            WeightsError::WrongDtype { name, found } => {
                write!(f, "tensor \"{name}\" is {found}, expected F32")
            }
            WeightsError::WrongShape {
                name,
                expected,
                found,
            } => write!(
                f,
                "tensor \"{name}\" has shape {found:?}, expected {expected:?}"
            ),
            WeightsError::NotFinite(n) => {
                write!(f, "tensor \"{n}\" contains NaN or infinite values")
            }
            WeightsError::TooLarge { name, max } => write!(
                f,
                "tensor \"{name}\" holds values beyond ±{max:e}, far outside any trained network"
            ),
        }
    }
}

impl std::error::Error for WeightsError {}

/// Serialize every parameter (little-endian f32) with the model's name in the metadata.
pub fn to_safetensors(model: &Sequential) -> Vec<u8> {
    to_safetensors_with(model, &[])
}

/// The metadata key under which a designed network's spec (JSON) travels with its weights.
pub const SPEC_KEY: &str = "convlab.spec";

/// `to_safetensors` with more metadata entries (e.g. `SPEC_KEY` and the design).
pub fn to_safetensors_with(model: &Sequential, extra: &[(&str, String)]) -> Vec<u8> {
    let named = model.named_params();
    let bytes: Vec<(String, Vec<usize>, Vec<u8>)> = named
        .iter()
        .map(|(n, p)| {
            (
                n.clone(),
                p.shape.clone(),
                p.value.iter().flat_map(|v| v.to_le_bytes()).collect(),
            )
        })
        .collect();
    let views = bytes.iter().map(|(n, s, b)| {
        (
            n.clone(),
            TensorView::new(Dtype::F32, s.clone(), b).expect("sizes agree by construction"),
        )
    });
    let meta = Some(
        [
            ("model".to_string(), model.name.clone()),
            ("layout".to_string(), "pytorch".to_string()),
        ]
        .into_iter()
        .chain(extra.iter().map(|(k, v)| (k.to_string(), v.clone())))
        .collect(),
    );
    safetensors::serialize(views, meta)
        .expect("in-memory serialization of well-formed tensors cannot fail")
}

/// One metadata entry of a safetensors file, if the header is readable and has it.
pub fn metadata_entry(bytes: &[u8], key: &str) -> Option<String> {
    let (_, meta) = SafeTensors::read_metadata(bytes).ok()?;
    meta.metadata().as_ref()?.get(key).cloned()
}

/// Load parameters into `model`, or explain what is wrong and leave it unchanged.
pub fn load_safetensors(model: &mut Sequential, bytes: &[u8]) -> Result<(), WeightsError> {
    let st =
        SafeTensors::deserialize(bytes).map_err(|e| WeightsError::Unreadable(e.to_string()))?;
    let expected: Vec<(String, Vec<usize>)> = model
        .named_params()
        .into_iter()
        .map(|(n, p)| (n, p.shape.clone()))
        .collect();
    let mut values: Vec<Vec<f32>> = Vec::with_capacity(expected.len());
    for (name, shape) in &expected {
        let t = st
            .tensor(name)
            .map_err(|_| WeightsError::Missing(name.clone()))?;
        if t.dtype() != Dtype::F32 {
            return Err(WeightsError::WrongDtype {
                name: name.clone(),
                found: format!("{:?}", t.dtype()),
            });
        }
        if t.shape() != shape.as_slice() {
            return Err(WeightsError::WrongShape {
                name: name.clone(),
                expected: shape.clone(),
                found: t.shape().to_vec(),
            });
        }
        let v: Vec<f32> = t
            .data()
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if v.iter().any(|x| !x.is_finite()) {
            return Err(WeightsError::NotFinite(name.clone()));
        }
        if v.iter().any(|x| x.abs() > MAX_WEIGHT) {
            return Err(WeightsError::TooLarge {
                name: name.clone(),
                max: MAX_WEIGHT,
            });
        }
        values.push(v);
    }
    let mut names = st.names();
    names.sort();
    if let Some(extra) = names
        .iter()
        .find(|n| !expected.iter().any(|(e, _)| e == *n))
    {
        return Err(WeightsError::Unexpected(extra.to_string()));
    }
    for (p, v) in model.params_mut().zip(values) {
        p.value = v;
    }
    model.constrain();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::models::{lenet5, seed};

    #[test]
    fn round_trip_keeps_every_value() {
        let mut a = lenet5();
        a.init(3);
        let bytes = to_safetensors(&a);
        let mut b = lenet5();
        load_safetensors(&mut b, &bytes).unwrap();
        for ((na, pa), (nb, pb)) in a.named_params().iter().zip(b.named_params().iter()) {
            assert_eq!(na, nb);
            assert_eq!(pa.value, pb.value);
        }
    }

    #[test]
    fn bad_files_are_refused_and_change_nothing() {
        let mut lenet = lenet5();
        lenet.init(1);
        let lenet_bytes = to_safetensors(&lenet);
        let mut model = seed();
        model.init(2);
        let before: Vec<Vec<f32>> = model
            .named_params()
            .iter()
            .map(|(_, p)| p.value.clone())
            .collect();
        let unchanged = |m: &Sequential| {
            m.named_params()
                .iter()
                .map(|(_, p)| p.value.clone())
                .collect::<Vec<_>>()
                == before
        };

        // A different model's weights: the first tensor that differs is named.
        let err = load_safetensors(&mut model, &lenet_bytes).unwrap_err();
        assert!(
            matches!(err, WeightsError::WrongShape { ref name, .. } if name == "0.weight")
                || matches!(err, WeightsError::Missing(_)),
            "{err}"
        );
        assert!(unchanged(&model));

        // Garbage and truncation.
        assert!(matches!(
            load_safetensors(&mut model, b"not a model"),
            Err(WeightsError::Unreadable(_))
        ));
        let good = to_safetensors(&model);
        assert!(matches!(
            load_safetensors(&mut model, &good[..good.len() / 2]),
            Err(WeightsError::Unreadable(_))
        ));
        assert!(unchanged(&model));

        // A missing tensor is named.
        let mut m2 = seed();
        m2.init(2);
        let named = m2.named_params();
        let kept: Vec<(String, Vec<u8>, Vec<usize>)> = named
            .iter()
            .filter(|(n, _)| n != "7.bias")
            .map(|(n, p)| {
                (
                    n.clone(),
                    p.value.iter().flat_map(|v| v.to_le_bytes()).collect(),
                    p.shape.clone(),
                )
            })
            .collect();
        let views = kept.iter().map(|(n, b, s)| {
            (
                n.clone(),
                TensorView::new(Dtype::F32, s.clone(), b).unwrap(),
            )
        });
        let partial = safetensors::serialize(views, None).unwrap();
        assert_eq!(
            load_safetensors(&mut model, &partial),
            Err(WeightsError::Missing("7.bias".into()))
        );
        assert!(unchanged(&model));
    }
}
