//! The lab's settings in its address, so a teacher's link opens the same lab: the model, the
//! training form (optimizer, learning rate, batch, epochs, images), the test image on the pad and
//! the layer and map in the feature-map inspector.
//! Read from outside (a link), so every value is checked against what the form allows; the ones
//! that are not are named, and the lab keeps its own for them.

use crate::engine::nn::models::ModelKind;
use crate::engine::numfmt::parse_number;
use crate::engine::train::optim::OptimizerChoice;

/// The training form's ranges: (smallest, largest).
pub const LR: (f64, f64) = (1e-7, 100.0);
pub const BATCH: (f64, f64) = (1.0, 1024.0);
pub const EPOCH_COUNT: (f64, f64) = (1.0, 100.0);
/// Choices offered for the training set size.
pub const TRAIN_SIZES: [usize; 4] = [1_000, 10_000, 30_000, 60_000];
/// The shipped test digits a link can put on the pad (`widgets::samples`).
pub const TEST_IMAGES: usize = 100;
/// The inspector's largest layer and map numbers a link may name (the lab clamps them to the
/// network it shows: a design may have fewer).
pub const LAYERS: usize = 64;
pub const MAPS: usize = 1024;

/// Which network a link names: a built-in, or the design it carries as `design=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkedModel {
    Builtin(ModelKind),
    Design,
}

/// A link's settings: each `None` when the link does not say (or says something unusable).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabLink {
    pub model: Option<LinkedModel>,
    pub optimizer: Option<OptimizerChoice>,
    /// As typed in the link (checked), for the form's box.
    pub learning_rate: Option<String>,
    pub batch: Option<usize>,
    pub epochs: Option<usize>,
    pub images: Option<usize>,
    /// 1…100: one of the shipped test digits.
    pub test_image: Option<usize>,
    /// The inspector's layer (in the list of layer outputs) and map, each from 1.
    pub layer: Option<usize>,
    pub map: Option<usize>,
    /// The keys whose values could not be used.
    pub refused: Vec<&'static str>,
}

/// The keys, as they appear in the address.
pub const KEYS: [&str; 9] = [
    "model", "opt", "lr", "batch", "epochs", "images", "test", "layer", "map",
];

impl LabLink {
    /// Read the link's settings through `get` (the decoded value of a key in the address).
    pub fn read(get: impl Fn(&str) -> Option<String>) -> LabLink {
        let mut link = LabLink::default();
        for key in KEYS {
            let Some(value) = get(key) else { continue };
            let v = value.trim();
            let whole =
                |(lo, hi): (f64, f64)| parse_number(v, lo, hi, true).ok().map(|n| n as usize);
            let ok = match key {
                "model" => {
                    link.model = match v {
                        "design" => Some(LinkedModel::Design),
                        _ => ModelKind::parse(v).map(LinkedModel::Builtin),
                    };
                    link.model.is_some()
                }
                "opt" => {
                    link.optimizer = OptimizerChoice::parse(&v.to_ascii_lowercase());
                    link.optimizer.is_some()
                }
                "lr" => {
                    link.learning_rate = parse_number(v, LR.0, LR.1, false)
                        .is_ok()
                        .then(|| v.to_string());
                    link.learning_rate.is_some()
                }
                "batch" => {
                    link.batch = whole(BATCH);
                    link.batch.is_some()
                }
                "epochs" => {
                    link.epochs = whole(EPOCH_COUNT);
                    link.epochs.is_some()
                }
                "images" => {
                    link.images = whole((1.0, 60_000.0)).filter(|n| TRAIN_SIZES.contains(n));
                    link.images.is_some()
                }
                "test" => {
                    link.test_image = whole((1.0, TEST_IMAGES as f64));
                    link.test_image.is_some()
                }
                "layer" => {
                    link.layer = whole((1.0, LAYERS as f64));
                    link.layer.is_some()
                }
                _ => {
                    link.map = whole((1.0, MAPS as f64));
                    link.map.is_some()
                }
            };
            if !ok {
                link.refused.push(key);
            }
        }
        link
    }

    /// Read a raw query string (`a=1&b=2`, percent-encoded), as the fuzz target feeds it; the
    /// first value of a key counts, as in the page's router.
    pub fn from_query(query: &[u8]) -> LabLink {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query).into_owned().collect();
        LabLink::read(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    /// True when the link says anything about the training form.
    pub fn sets_the_form(&self) -> bool {
        self.optimizer.is_some()
            || self.learning_rate.is_some()
            || self.batch.is_some()
            || self.epochs.is_some()
            || self.images.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teachers_link_is_read_whole_and_bad_values_are_named() {
        let link = LabLink::from_query(
            b"model=lenet5&opt=adam&lr=0.001&batch=64&epochs=2&images=10000&test=7&layer=3&map=12&pace=20",
        );
        assert_eq!(
            link,
            LabLink {
                model: Some(LinkedModel::Builtin(ModelKind::Lenet5)),
                optimizer: Some(OptimizerChoice::Adam),
                learning_rate: Some("0.001".into()),
                batch: Some(64),
                epochs: Some(2),
                images: Some(10_000),
                test_image: Some(7),
                layer: Some(3),
                map: Some(12),
                refused: vec![],
            }
        );
        assert!(link.sets_the_form());
        let bad = LabLink::from_query(
            b"model=vgg&opt=lbfgs&lr=0&batch=2000&epochs=1.5&images=500&test=101&layer=0&map=2000",
        );
        assert_eq!(bad.refused, KEYS.to_vec());
        assert_eq!(
            LabLink {
                refused: vec![],
                ..bad
            },
            LabLink::default()
        );
        assert_eq!(
            LabLink::from_query(b"model=design").model,
            Some(LinkedModel::Design)
        );
        assert_eq!(
            LabLink::from_query(b"lr=1e-3%20").learning_rate.as_deref(),
            Some("1e-3")
        );
        assert!(!LabLink::from_query(b"").sets_the_form());
    }
}
