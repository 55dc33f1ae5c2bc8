//! A run starting: training with a page's settings, or evaluating the page's weights, in a fresh
//! state (the data, the team and the brake stay).

use super::{Clock, WorkerCore};
use crate::engine::data::weights::load_safetensors;
use crate::engine::train::evaluation::Cell;
use crate::engine::train::optim::Optimizer;
use crate::engine::train::steps::Schedule;
use crate::engine::train::trainer::Trainer;
use crate::lab::network::Network;
use crate::lab::protocol::RunConfig;

impl WorkerCore {
    /// Evaluate `weights` of model `kind` on the test set (as the team, if there is one).
    pub(super) fn start_test(
        &mut self,
        kind: Network,
        focus: Option<Cell>,
        buffers: &[Vec<u8>],
        now: Clock,
    ) -> Result<(), String> {
        let mut model = kind.build()?;
        let w = buffers
            .first()
            .ok_or("no weights to evaluate came with the message")?;
        load_safetensors(&mut model, w).map_err(|e| e.to_string())?;
        let (_, test) = self
            .data
            .as_ref()
            .ok_or("the MNIST data has not been loaded yet")?;
        let trainer =
            Trainer::evaluation_only(model, test.clone(), focus).in_team(self.ledger.team);
        self.install(trainer, Some(kind), now);
        Ok(())
    }

    pub(super) fn start(
        &mut self,
        cfg: &RunConfig,
        weights: Option<&Vec<u8>>,
        now: Clock,
    ) -> Result<(), String> {
        let opt_kind = cfg.optimizer.kind();
        if !(cfg.learning_rate.is_finite() && cfg.learning_rate > 0.0) {
            return Err(format!(
                "the learning rate must be a positive number, not {}",
                cfg.learning_rate
            ));
        }
        if cfg.batch_size == 0 || cfg.epochs == 0 || cfg.train_images == 0 {
            return Err("batch size, epochs and training images must all be at least 1".into());
        }
        let mut model = cfg.model.build()?;
        match (cfg.from_current, weights) {
            (true, Some(w)) => load_safetensors(&mut model, w).map_err(|e| e.to_string())?,
            (true, None) => return Err("“continue” needs the current weights".into()),
            (false, _) => model.init(cfg.seed),
        }
        let (train, test) = self
            .data
            .as_ref()
            .ok_or("the MNIST data has not been loaded yet")?;
        let schedule = Schedule {
            epochs: cfg.epochs,
            batch_size: cfg.batch_size,
            seed: cfg.seed,
        };
        let trainer = Trainer::new(
            model,
            Optimizer::new(opt_kind, cfg.learning_rate),
            train.take(cfg.train_images),
            test.clone(),
            schedule,
        )
        .in_team(self.ledger.team);
        self.install(trainer, None, now);
        Ok(())
    }

    /// Make `trainer` the worker's run, in a fresh state (the data, team and brake stay).
    fn install(&mut self, trainer: Trainer, testing: Option<Network>, now: Clock) {
        let t = now();
        let mut ledger = std::mem::take(&mut self.ledger);
        ledger.next_run();
        *self = WorkerCore {
            data: self.data.take(),
            pace: self.pace,
            ledger,
            trainer: Some(trainer),
            testing,
            last_post: t,
            last_weights: t,
            ..WorkerCore::default()
        };
    }
}
