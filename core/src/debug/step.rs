//! Stepping: whether a breakable point reached while resuming in some mode is a stop.

use super::sites::SiteKind;

/// How execution resumes after a stop. Frame identities are frame-pointer values: the stack
/// grows down, so a callee's frame pointer is below its caller's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeMode {
    /// Run until a breakpoint, a pause request or a trap.
    Continue,
    /// Stop at the next breakable point anywhere.
    StepInto,
    /// Stop at the next breakable point in the frame at `fp` or a caller of it.
    StepOver {
        /// The frame stepped over from.
        fp: usize,
    },
    /// Stop at the next breakable point in a caller of the frame at `fp`.
    StepOut {
        /// The frame stepped out of.
        fp: usize,
    },
}

/// What the slow path concluded at a site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepDecision {
    /// Not a stop: resume at once.
    Run,
    /// A stop because of a breakpoint.
    Breakpoint,
    /// A stop because stepping ended here.
    Step,
    /// A stop because a pause was requested.
    Pause,
}

/// Decides whether the site of `kind` in the frame at `fp` is a stop.
///
/// Function-entry sites are stops only for breakpoints (stepping into a call stops at its first
/// instruction, which immediately follows).
pub fn decide(
    mode: ResumeMode,
    kind: SiteKind,
    fp: usize,
    breakpoint: bool,
    pause: bool,
) -> StepDecision {
    if breakpoint {
        return StepDecision::Breakpoint;
    }
    if pause {
        return StepDecision::Pause;
    }
    if kind == SiteKind::FunctionEntry {
        return StepDecision::Run;
    }
    let stop = match mode {
        ResumeMode::Continue => false,
        ResumeMode::StepInto => true,
        ResumeMode::StepOver { fp: from } => fp >= from,
        ResumeMode::StepOut { fp: from } => fp > from,
    };
    if stop {
        StepDecision::Step
    } else {
        StepDecision::Run
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_over_stops_in_same_or_caller_frame_only() {
        let m = ResumeMode::StepOver { fp: 1000 };
        assert_eq!(
            decide(m, SiteKind::Instruction, 900, false, false),
            StepDecision::Run
        );
        assert_eq!(
            decide(m, SiteKind::Instruction, 1000, false, false),
            StepDecision::Step
        );
        assert_eq!(
            decide(m, SiteKind::Instruction, 1100, false, false),
            StepDecision::Step
        );
    }

    #[test]
    fn step_out_skips_own_exit_and_callees() {
        let m = ResumeMode::StepOut { fp: 1000 };
        assert_eq!(
            decide(m, SiteKind::FunctionExit, 1000, false, false),
            StepDecision::Run
        );
        assert_eq!(
            decide(m, SiteKind::Instruction, 900, false, false),
            StepDecision::Run
        );
        assert_eq!(
            decide(m, SiteKind::Instruction, 1100, false, false),
            StepDecision::Step
        );
    }

    #[test]
    fn entries_stop_only_for_breakpoints_and_pauses() {
        let m = ResumeMode::StepInto;
        assert_eq!(
            decide(m, SiteKind::FunctionEntry, 1, false, false),
            StepDecision::Run
        );
        assert_eq!(
            decide(m, SiteKind::Instruction, 1, false, false),
            StepDecision::Step
        );
        assert_eq!(
            decide(
                ResumeMode::Continue,
                SiteKind::FunctionEntry,
                1,
                true,
                false
            ),
            StepDecision::Breakpoint
        );
        assert_eq!(
            decide(ResumeMode::Continue, SiteKind::Instruction, 1, false, true),
            StepDecision::Pause
        );
        assert_eq!(
            decide(ResumeMode::Continue, SiteKind::Instruction, 1, false, false),
            StepDecision::Run
        );
    }
}
