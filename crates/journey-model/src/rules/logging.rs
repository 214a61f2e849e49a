//! How a journey meets an event log: each activity is recorded by one step. A step records the
//! activities its `logged_as:` names, or, without one, its id and its label; when two steps
//! claim one activity the first written keeps it, so the second never sees its events. That is
//! reported wherever a `logged_as:` is involved (two steps that merely share a label are left
//! alone: a model need not be logged at all).

use std::collections::HashMap;

use journey_diagnostics::{Code, Diagnostic};

use super::{Ctx, Subject};
use crate::ir::Claim;

/// J0507: an activity claimed by a second step, at the second claim.
pub fn claimed_twice(_: &Ctx, s: &Subject, out: &mut Vec<Diagnostic>) {
    let journey = s.journey;
    let mut first: HashMap<&str, (usize, Claim<'_>)> = HashMap::new();
    for (i, step) in journey.steps.iter().enumerate() {
        for claim in step.activities() {
            let Some(&(k, earlier)) = first.get(claim.activity) else {
                first.insert(claim.activity, (i, claim));
                continue;
            };
            if k == i || (earlier.written.is_none() && claim.written.is_none()) {
                continue;
            }
            let keeper = &journey.steps[k];
            let how = |c: Claim<'_>| if c.written.is_some() { "its `logged_as:`" } else { "its id or label" };
            out.push(
                Diagnostic::new(
                    Code::ActivityClaimedTwice,
                    claim.written.unwrap_or(step.decl.name_span),
                    format!(
                        "steps `{}` and `{}` both record the log's activity \"{}\": `{}` ({}) keeps it, so `{}` never sees its events",
                        keeper.decl.id,
                        step.decl.id,
                        claim.activity,
                        keeper.decl.id,
                        how(earlier),
                        step.decl.id
                    ),
                )
                .with_label(format!("also claimed by `{}`", keeper.decl.id))
                .with_secondary(earlier.written.unwrap_or(keeper.decl.name_span), "claimed first here")
                .with_help(format!(
                    "name in `{}`'s `logged_as:` the activity that records it alone, or, if the log does not tell the two apart, make them one step",
                    step.decl.id
                )),
            );
        }
    }
}
