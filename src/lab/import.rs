//! Importing a weights file into the lab's network: what the file says it is (its metadata names
//! the model, a designed network's file carries the design) is checked before its tensors, so a
//! LeNet-5 file offered to the seed model is called a LeNet-5 file, not "tensor 0.weight is
//! missing". Every reason is typed and worded in the learner's language.

use super::compare::design_line;
use super::network::Network;
use crate::engine::data::weights::{load_safetensors, metadata_entry, WeightsError, SPEC_KEY};
use crate::engine::nn::model::Sequential;
use crate::engine::nn::models::ModelKind;
use crate::engine::nn::spec::ModelSpec;
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq)]
pub enum ImportProblem {
    /// The file could not be read from the disk.
    NotRead,
    /// The file holds one of the built-in models, not the one shown.
    OtherModel(ModelKind),
    /// The file holds a designed network other than the one shown.
    OtherDesign(String),
    /// The network shown cannot be built (a design that does not plan).
    NoNetwork(String),
    /// What the tensors themselves say.
    Weights(WeightsError),
}

/// `current` with the weights of `bytes`, or why not (nothing changes then).
pub fn import(current: &Network, bytes: &[u8]) -> Result<Sequential, ImportProblem> {
    if let Some(json) = metadata_entry(bytes, SPEC_KEY) {
        if let Ok(spec) = ModelSpec::from_json(&json) {
            if current.design() != Some(&spec) {
                return Err(ImportProblem::OtherDesign(design_line(&spec)));
            }
        }
    } else if let Some(kind) = metadata_entry(bytes, "model").and_then(|m| ModelKind::parse(&m)) {
        if current.builtin() != Some(kind) {
            return Err(ImportProblem::OtherModel(kind));
        }
    }
    let mut model = current.build().map_err(ImportProblem::NoNetwork)?;
    load_safetensors(&mut model, bytes).map_err(ImportProblem::Weights)?;
    Ok(model)
}

fn model_name(k: ModelKind, l: Lang) -> &'static str {
    match (k, l) {
        (ModelKind::Seed, Lang::En) => "the source's CNN",
        (ModelKind::Seed, Lang::Zh) => "原文 CNN 模型",
        (ModelKind::Lenet5, Lang::En) => "LeNet-5",
        // Latin words in Chinese text stand between spaces.
        (ModelKind::Lenet5, Lang::Zh) => " LeNet-5 ",
    }
}

/// The reason in one sentence of `l` (without the final full stop: the status line adds it).
pub fn problem_text(p: &ImportProblem, l: Lang) -> String {
    let en = l == Lang::En;
    let pick = |e: String, z: String| if en { e } else { z };
    match p {
        ImportProblem::NotRead => pick("the file could not be read".into(), "无法读取这个文件".into()),
        ImportProblem::OtherModel(k) => pick(
            format!("it holds the weights of {}; choose that model under Model first", model_name(*k, l)),
            format!("这是{}的权重；请先在“模型”中选择它", model_name(*k, l)),
        ),
        ImportProblem::OtherDesign(line) => pick(
            format!("it holds another designed network ({line}); open it under “Build your own network” (Open a design), then train or import there"),
            format!("它是另一个设计的网络（{line}）；请先在“搭建自己的网络”中用“打开设计”打开它，再训练或导入"),
        ),
        ImportProblem::NoNetwork(why) => pick(format!("the network shown cannot be built: {why}"), format!("当前网络无法构建：{why}")),
        ImportProblem::Weights(w) => match w {
            WeightsError::Unreadable(_) => pick(
                "it is not a weights file (safetensors) or it is damaged".into(),
                "它不是权重文件（safetensors），或者已经损坏".into(),
            ),
            WeightsError::Missing(n) => pick(
                format!("tensor “{n}” is missing: the file is for a different network"),
                format!("缺少张量“{n}”：这个文件属于另一个网络"),
            ),
            WeightsError::Unexpected(n) => pick(
                format!("tensor “{n}” does not belong to this network"),
                format!("张量“{n}”不属于这个网络"),
            ),
            WeightsError::WrongShape { name, expected, found } => pick(
                format!("tensor “{name}” has shape {found:?} where this network needs {expected:?}: the file is for a different network"),
                format!("张量“{name}”的形状是 {found:?}，这个网络需要 {expected:?}：这个文件属于另一个网络"),
            ),
            WeightsError::WrongDtype { name, found } => pick(
                format!("tensor “{name}” holds {found} numbers, not 32-bit floats"),
                format!("张量“{name}”是 {found} 类型，不是 32 位浮点数"),
            ),
            WeightsError::TooLarge { name, max } => pick(
                format!("tensor “{name}” holds values beyond ±{max:e}, far outside any trained network"),
                format!("张量“{name}”的数值超过 ±{max:e}，远超任何训练过的网络"),
            ),
            WeightsError::NotFinite(n) => pick(
                format!("tensor “{n}” contains NaN or infinite values"),
                format!("张量“{n}”含有 NaN 或无穷大"),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::data::weights::{to_safetensors, to_safetensors_with};
    use crate::engine::nn::models::{lenet5, seed};
    use crate::engine::nn::spec::presets::{strided_spec, tiny_spec};

    #[test]
    fn a_file_is_named_by_what_it_holds() {
        let seed_net = Network::from(ModelKind::Seed);
        let lenet_file = to_safetensors(&lenet5());
        assert_eq!(
            import(&seed_net, &lenet_file).err(),
            Some(ImportProblem::OtherModel(ModelKind::Lenet5))
        );
        assert!(import(&ModelKind::Lenet5.into(), &lenet_file).is_ok());
        let tiny = Network::Design(tiny_spec());
        let tiny_file =
            to_safetensors_with(&tiny.build().unwrap(), &[(SPEC_KEY, tiny_spec().to_json())]);
        assert!(import(&tiny, &tiny_file).is_ok());
        let other = import(&Network::Design(strided_spec()), &tiny_file)
            .err()
            .unwrap();
        assert_eq!(other, ImportProblem::OtherDesign(design_line(&tiny_spec())));
        assert!(matches!(
            import(&seed_net, &tiny_file),
            Err(ImportProblem::OtherDesign(_))
        ));
        assert!(matches!(
            import(&seed_net, b"not weights"),
            Err(ImportProblem::Weights(WeightsError::Unreadable(_)))
        ));
        assert!(import(&seed_net, &to_safetensors(&seed())).is_ok());
        for p in [
            ImportProblem::OtherModel(ModelKind::Seed),
            ImportProblem::Weights(WeightsError::Missing("0.weight".into())),
        ] {
            let (e, z) = (problem_text(&p, Lang::En), problem_text(&p, Lang::Zh));
            assert!(
                !e.is_empty() && z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{e} / {z}"
            );
        }
    }
}
