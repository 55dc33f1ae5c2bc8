//! The worker's side of its team: its own shares out to the other members, theirs in, and going on
//! when the last one of a step has come.

use super::slices::Flow;
use super::{Clock, Outbox, Output, Values, Wake, WorkerCore};
use crate::engine::train::evaluation::EvalAccumulator;
use crate::engine::train::team::ShardGradient;
use crate::lab::protocol::ToPeer;
use crate::lab::worker::ledger::{self, ShareHeader};

impl WorkerCore {
    /// Sends this member's gradient share to the others and files it; the step's shares if all
    /// are in. The share carries values only when they did not go ahead in parts (the trainer
    /// leaves a share's values empty exactly then: they are still in its model).
    pub(super) fn share_gradient(
        &mut self,
        share: ShardGradient,
        out: &mut dyn Outbox,
    ) -> Option<Vec<ShardGradient>> {
        if !self.ledger.team.is_solo() {
            let msg = ToPeer::Gradient {
                from: self.ledger.team.index,
                run: self.ledger.run,
                step: share.step,
                loss_sum: share.loss_sum,
                correct: share.correct,
                count: share.count,
                busy_us: share.busy_us,
            };
            let values = match share.grads.is_empty() {
                true => Values::None,
                false => Values::Whole(&share.grads),
            };
            out.send(Output::Peers(msg, values));
        }
        self.ledger.own_gradient(share)
    }

    pub(super) fn share_evaluation(
        &mut self,
        totals: EvalAccumulator,
        out: &mut dyn Outbox,
    ) -> Option<Vec<EvalAccumulator>> {
        let step = self.trainer.as_ref().map_or(0, |t| t.steps());
        if !self.ledger.team.is_solo() {
            let msg = ToPeer::Evaluation {
                from: self.ledger.team.index,
                run: self.ledger.run,
                step,
                totals: Box::new(totals.clone()),
            };
            out.send(Output::Peers(msg, Values::None));
        }
        self.ledger.own_evaluation(step, totals)
    }

    /// A message from another member, with the values it carried: filed, and if this member was
    /// waiting for it, training goes on. (`ToPeer::Spare` belongs to the shell, whose buffers
    /// those are.)
    pub fn on_peer(
        &mut self,
        msg: ToPeer,
        values: Option<&dyn ledger::Values>,
        now: Clock,
        out: &mut dyn Outbox,
    ) {
        if let Err(e) = self.file(msg, values, out) {
            return self.fail(out, e);
        }
        let Some(t) = self.trainer.as_mut().filter(|t| t.is_waiting()) else {
            return;
        };
        let step = t.steps();
        let event = if let Some(all) = self.ledger.gradients(step) {
            let event = t.complete_step(&all);
            self.ledger.recycle(all);
            event
        } else if let Some(all) = self.ledger.evaluations(step) {
            t.complete_evaluation(&all)
        } else {
            return;
        };
        if matches!(self.on_event(event, now, out), Flow::Continue) && !self.paused {
            out.send(Output::Tick(Wake::Now));
        }
    }

    fn file(
        &mut self,
        msg: ToPeer,
        values: Option<&dyn ledger::Values>,
        out: &mut dyn Outbox,
    ) -> Result<(), String> {
        match msg {
            ToPeer::GradientPart {
                from,
                run,
                step,
                offset,
            } => {
                let values = values.ok_or("a gradient part without its values")?;
                self.ledger.part((from, run, step), offset, values)?;
                out.send(Output::GiveBack { to: from });
            }
            ToPeer::Gradient {
                from,
                run,
                step,
                loss_sum,
                correct,
                count,
                busy_us,
            } => {
                let header = ShareHeader {
                    from,
                    run,
                    step,
                    loss_sum,
                    correct,
                    count,
                    busy_us,
                };
                self.ledger.gradient(header, values)?;
                if values.is_some() {
                    out.send(Output::GiveBack { to: from });
                }
            }
            ToPeer::Evaluation {
                from,
                run,
                step,
                totals,
            } => self.ledger.evaluation((from, run, step), *totals)?,
            ToPeer::Spare => return Err("a returned buffer is the shell's, not the core's".into()),
        }
        Ok(())
    }
}
