//! The single-pass compiler: one walk over each function's operators, validated as they are
//! read, drives an [`Emitter`]. No IR: the value stack keeps operands as constants, registers,
//! lazy locals or frame slots, and control flow merges through canonical slots.

pub mod backend_rules;
mod cache;
mod context;
mod control;
pub mod convention;
mod decode;
pub mod emitter;
mod ops;
mod stack;

pub use emitter::*;

use alloc::vec::Vec;

use wasmparser::{FuncValidator, FunctionBody, ValidatorResources, VisitOperator};

use crate::compiled::{CompiledCode, RuntimeStubs};
use crate::error::{Error, Result};
use crate::module::ModuleInfo;
use crate::types::ValType;
use crate::vmctx::VMOffsets;
use context::{CodeGen, GateReload};
use control::{Control, ControlKind};
use stack::{Entry, FrameLayout, ValueStack};

/// A target: makes emitters and the runtime stubs. Implemented by each backend crate.
pub trait Isa: Send + Sync {
    /// The emitter for one function.
    type Emitter: Emitter;
    /// A fresh emitter.
    fn new_emitter(&self) -> Self::Emitter;
    /// The entry trampoline, trap stub and host adapter of this target.
    fn runtime_stubs(&self) -> RuntimeStubs;
    /// A short name ("x86_64", "aarch64").
    fn name(&self) -> &'static str;
}

/// Options that change the generated code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompileConfig {
    /// Emit breakable points for a debugger.
    pub debug: bool,
    /// Debug code: also record where every stop point is and what it sees
    /// ([`CompiledCode::sites`]), to regenerate a function's site tables. The code is the
    /// same either way.
    pub record_sites: bool,
    /// Accesses to memories in a guarded reservation (`crate::runtime::GUARDED_RESERVATION`)
    /// without bounds checks: an access beyond the memory faults in the reservation's
    /// guard, and the host turns the fault into an out-of-bounds trap at that access (its
    /// code offset is a trap site). The engine must give every memory such a reservation
    /// (`crate::runtime::Engine::with_virtual_memory`).
    pub guard_pages: bool,
}

/// What compiling a function allocates, kept from one function to the next on a thread so that
/// a module's functions reuse one set of buffers: the emitter's, the locals' types, the value
/// and control stacks. Each function starts from them empty; only their capacity carries over.
pub struct FunctionScratch<'i, I: Isa> {
    isa: &'i I,
    /// The last function's emitter, reset by its `finish` (none after a failed compile).
    emitter: Option<I::Emitter>,
    local_types: Vec<ValType>,
    stack: Vec<Entry>,
    control: Vec<Control<<I::Emitter as Emitter>::Label>>,
    caches: Vec<[cache::CacheState; 2]>,
    loop_locals: Vec<u32>,
    loop_counts: LoopCounts,
    loop_writes: Vec<u32>,
}

impl<'i, I: Isa> FunctionScratch<'i, I> {
    /// Empty buffers for compiling with `isa`.
    pub fn new(isa: &'i I) -> Self {
        FunctionScratch {
            isa,
            emitter: None,
            local_types: Vec::new(),
            stack: Vec::new(),
            control: Vec::new(),
            caches: Vec::new(),
            loop_locals: Vec::new(),
            loop_counts: LoopCounts::default(),
            loop_writes: Vec::new(),
        }
    }

    /// An emitter ready for a new function.
    fn take_emitter(&mut self) -> I::Emitter {
        self.emitter
            .take()
            .unwrap_or_else(|| self.isa.new_emitter())
    }

    /// An empty value stack on the kept buffer.
    fn take_stack(&mut self) -> ValueStack {
        let mut stack = ValueStack::new::<I::Emitter>();
        stack.entries = core::mem::take(&mut self.stack);
        stack.entries.clear();
        stack
    }

    /// The buffers of a finished function, for the next.
    fn give_back(&mut self, cg: CodeGen<'_, I::Emitter>) {
        self.emitter = Some(cg.e);
        self.local_types = cg.local_types;
        self.stack = cg.stack.entries;
        self.control = cg.control;
        self.control.clear();
        // Spare states: each frame pushed empties its own.
        self.caches = cg.caches;
        self.loop_locals = cg.loop_locals;
        self.loop_counts = cg.loop_counts;
        self.loop_writes = cg.loop_writes;
    }
}

/// Most locals a function may declare (wasmparser's own limit is the same).
const MAX_LOCALS: u32 = 50_000;

/// The most machine code one function may compile to, before its out-of-line tail (which
/// islands keep below a few MiB): well within the ±128 MiB of AArch64 `b`.
const MAX_FUNCTION_CODE: u32 = 96 << 20;

/// Compiles defined function `func_index` of a validated module, validating its body as it goes
/// with `validator` (made for that function), in the buffers of `scratch`.
pub fn compile_function<I: Isa>(
    scratch: &mut FunctionScratch<'_, I>,
    info: &ModuleInfo,
    offsets: &VMOffsets,
    func_index: u32,
    body: &FunctionBody<'_>,
    validator: &mut FuncValidator<ValidatorResources>,
    config: &CompileConfig,
) -> Result<CompiledCode> {
    // Every cached copy holds a register of its own.
    const {
        assert!(
            <I::Emitter as Emitter>::GPR_COUNT as usize
                + <I::Emitter as Emitter>::FPR_COUNT as usize
                <= cache::MAX_CACHED
        )
    };
    let ty = info.func_type(func_index);
    let mut local_types = core::mem::take(&mut scratch.local_types);
    local_types.clear();
    local_types.extend_from_slice(&ty.params);
    let mut locals = body.get_locals_reader()?;
    for _ in 0..locals.get_count() {
        let offset = locals.original_position();
        let (count, vt) = locals.read()?;
        validator.define_locals(offset, count, vt)?;
        let offset = offset as usize;
        let t = ValType::from_wasmparser(vt)
            .ok_or_else(|| Error::unsupported("unsupported local type", offset))?;
        if local_types.len() as u64 + count as u64 > MAX_LOCALS as u64 {
            return Err(Error::limit("too many locals", offset));
        }
        local_types.extend(core::iter::repeat_n(t, count as usize));
    }
    let num_params = ty.params.len() as u32;
    let first_frame_local = num_params;
    let frame = FrameLayout {
        area_slots: ty.area_slots() as u32,
        frame_locals: local_types.len() as u32 - first_frame_local,
        first_frame_local,
        header_slots: 1,
    };

    let mut e = scratch.take_emitter();
    let exit_label = e.new_label();
    let mut cg = CodeGen {
        e,
        info,
        offsets,
        frame,
        local_types,
        stack: scratch.take_stack(),
        control: core::mem::take(&mut scratch.control),
        caches: core::mem::take(&mut scratch.caches),
        reachable: true,
        unreachable_depth: 0,
        exit_label,
        offset: body.range().start as usize,
        debug: config.debug.then(|| context::DebugRecord {
            func_index,
            machine_sites: 0,
            group_open: false,
            recording: config
                .record_sites
                .then(crate::debug::FunctionSites::default),
            open_jumps: Vec::new(),
            landing: Vec::new(),
        }),
        body_end: body.range().end as u32,
        cache: cache::LocalCache::default(),
        loop_locals: core::mem::take(&mut scratch.loop_locals),
        loop_counts: core::mem::take(&mut scratch.loop_counts),
        loop_writes: core::mem::take(&mut scratch.loop_writes),
        loop_scan: LoopScan::default(),
        ops: &[],
        ops_start: 0,
        pending: None,
        guard_pages: config.guard_pages,
        calls_out: false,
    };
    if config.debug {
        for r in debug_reserved_gprs::<I::Emitter>() {
            cg.stack.take(r);
        }
    }
    let body_start = body.range().start as u32;
    cg.e.set_source_loc(body_start);
    // Register arguments: cached there from the start; stored in their slots by the
    // prologue in debug code, else dirty copies (written back when needed).
    let mut homes: Vec<(Reg, i32, OperandSize)> = Vec::new();
    for (i, reg) in convention::arg_regs(&ty.params).enumerate() {
        if let Some(r) = reg {
            cg.stack.take(r);
            cg.cache.insert(i as u32, r);
            if cg.writes_back() {
                cg.cache.mark_dirty(r);
            } else {
                let size = stack::size_of(ty.params[i]);
                homes.push((r, cg.frame.local(i as u32), size));
            }
        }
    }
    // Debug code loads its gate registers first: a single-site function's fast entry skips
    // the loads (see `crate::debug::abi`, "Fast entries").
    cg.reload_debug_gate(GateReload::TableAndBits);
    let after_gate_loads = cg.e.code_offset();
    cg.e.prologue(&homes);
    let declared = cg.local_types.len() as u32 - num_params;
    if declared > 0 {
        // The declared locals' slots are contiguous, the last one lowest.
        let lowest = cg.frame.local(num_params + declared - 1);
        cg.e.zero_frame_slots(lowest, declared);
    }
    cg.stop_point(
        crate::debug::SiteKind::FunctionEntry,
        body_start,
        crate::debug::interp::ENTRY,
    );
    cg.control.push(Control {
        kind: ControlKind::Function,
        label: exit_label,
        else_label: None,
        base: 0,
        params: Vec::new(),
        results: ty.results.to_vec(),
        label_used: false,
        cond_branched: false,
        header_dirty: 0,
        reloaded: false,
        header_stop: 0,
    });
    cg.reset_frame_caches();
    cg.loop_counts.start_function();

    // The operators are read with the validator's control frames as the reader's frame
    // stack (what `wasmparser::OperatorsReader` would keep a copy of).
    let mut reader = decode::Operators::new(
        &body.get_binary_reader_for_operators()?,
        *validator.features(),
    )?;
    cg.ops_start = reader.original_position() as usize;
    cg.ops = reader.rest();
    while let Some(opcode) = reader.peek() {
        let offset = reader.original_position() as usize;
        if opcode == LOOP_OPCODE && cg.reachable {
            cg.loop_scan = loop_locals(
                &reader,
                config.guard_pages,
                cg.local_types.len() as u32,
                &mut cg.loop_counts,
                &mut cg.loop_locals,
                &mut cg.loop_writes,
            );
        }
        // Past the function's last `end`, wasmparser reports the operators left.
        let inside = validator.control_stack_height() > 0;
        let mut visitor = Visitor {
            cg: &mut cg,
            validator,
            offset,
        };
        reader.visit(&mut visitor, inside)??;
    }
    reader.finish(&ValidatorFrames(validator))?;
    if !cg.control.is_empty() {
        let offset = reader.original_position() as usize;
        return Err(Error::invalid("function body not terminated", offset));
    }
    let frame_size = cg.frame.frame_size(cg.stack.max_depth, cg.stack.max_area);
    let record = cg.debug.take();
    // Only recorded site tables keep the locals' places.
    let recording = record.as_ref().is_some_and(|r| r.recording.is_some());
    let locals: Option<alloc::boxed::Box<[(ValType, i32)]>> = recording.then(|| {
        (0..cg.local_types.len() as u32)
            .map(|i| (cg.local_types[i as usize], cg.frame.local(i)))
            .collect()
    });
    // Branches within a function reach ±128 MiB on AArch64 (`b`, `bl` to the function's own
    // handler call): refuse a function near that size before its tail is added.
    if cg.e.code_offset() > MAX_FUNCTION_CODE {
        return Err(Error::limit(
            "function compiles to more than 96 MiB of code",
            body.range().start as usize,
        ));
    }
    let single_site = record.as_ref().is_some_and(|d| d.machine_sites == 1);
    if single_site {
        cg.e.fast_entry_site();
    }
    let frame_end = backend_rules::FrameEnd::new(frame_size, cg.calls_out);
    let mut code = cg.e.finish(frame_end);
    if single_site {
        code.fast_entry = after_gate_loads;
    }
    scratch.give_back(cg);
    let returns = core::mem::take(&mut code.site_returns);
    let resumes = core::mem::take(&mut code.site_resumes);
    if let Some(rec) = record {
        if returns.len() != rec.machine_sites as usize || resumes.len() != returns.len() {
            return Err(Error::limit(
                "backend lost breakable points",
                body.range().end as usize,
            ));
        }
        code.machine_sites = rec.machine_sites;
        if let Some(mut sites) = rec.recording {
            for (m, (&ret, &resume)) in sites.machine.iter_mut().zip(returns.iter().zip(&resumes)) {
                m.return_offset = ret;
                m.resume_offset = resume;
            }
            sites.locals = locals.unwrap_or_default();
            sites.code_len = code.bytes.len() as u32;
            code.sites = Some(alloc::boxed::Box::new(sites));
        }
    }
    Ok(code)
}

/// The GPRs debug code does not allocate: the gate registers (see `crate::debug::abi`) and
/// the backend's scratch registers in debug code.
fn debug_reserved_gprs<E: Emitter>() -> impl Iterator<Item = Reg> {
    let gprs = E::GPR_COUNT;
    [crate::debug::abi::TABLE_GPR, crate::debug::abi::BITS_GPR]
        .into_iter()
        .chain(gprs - E::NO_DEBUG_GPRS..gprs)
        .map(Reg::Gpr)
}

/// The opcode of `loop`.
const LOOP_OPCODE: u8 = 0x03;
/// Operators [`dead_after`] reads at most.
const DEAD_SCAN_LIMIT: u32 = 24;

/// A loop look-ahead's read count of a local dead at the loop's header.
const DEAD_AT_HEADER: u32 = u32::MAX;

/// Operators a loop's look-ahead reads at most (a bound on compile time for huge loops).
const LOOP_SCAN_LIMIT: u32 = 512;

/// The locals the loop starting at `body` reads, most read first: the ones worth keeping in
/// registers across its iterations (and memory 0's base and length, as often as it accesses
/// memory; multi-memory modules are not accepted). A look-ahead over the loop's operators (the real pass
/// validates them); it stops at the loop's `end` or after [`LOOP_SCAN_LIMIT`] operators.
///
/// Fills `out` (cleared first), counting in `counts`, and `writes` with the locals the loop
/// sets (complete only if the look-ahead reached the loop's end, see [`LoopScan`]).
/// `num_locals`: the function's locals (an index beyond them is invalid, and not counted:
/// the body fails to validate anyway).
///
/// The look-ahead records what it reads ([`LoopRecording`]) once, from an outermost loop on,
/// and each loop nested in what it recorded is answered from the record: nested loops are not
/// read again.
fn loop_locals(
    body: &decode::Operators<'_>,
    guard_pages: bool,
    num_locals: u32,
    counts: &mut LoopCounts,
    out: &mut Vec<u32>,
    writes: &mut Vec<u32>,
) -> LoopScan {
    let at = body.original_position();
    let rec = &mut counts.recording;
    while rec
        .headers
        .get(rec.cursor)
        .is_some_and(|&(pos, _)| pos < at)
    {
        rec.cursor += 1;
    }
    if let Some(&(pos, first)) = rec.headers.get(rec.cursor) {
        if pos == at {
            if let Some(scan) =
                replay_loop(first as usize, guard_pages, num_locals, counts, out, writes)
            {
                return scan;
            }
        }
    }
    counts.start(num_locals);
    writes.clear();
    out.clear();
    let (accesses, scan) = record_loop(body, num_locals, counts, writes);
    finish_scan(&mut counts.reads, accesses, guard_pages, out);
    scan
}

/// Lists in `out` the keys `reads` counts, most read first (memory 0's base and length
/// counting `accesses` each), leaving out the locals dead at the loop's header.
fn finish_scan(reads: &mut Vec<(u32, u32)>, accesses: u32, guard_pages: bool, out: &mut Vec<u32>) {
    if accesses > 0 {
        reads.push((cache::MEMORY_BASE_KEY, accesses));
        if !guard_pages {
            reads.push((cache::MEMORY_LENGTH_KEY, accesses));
        }
    }
    reads.retain(|&(_, n)| n != DEAD_AT_HEADER);
    reads.sort_by_key(|&(_, n)| core::cmp::Reverse(n));
    out.extend(reads.iter().map(|&(l, _)| l));
}

/// Where [`record_loop`] puts what it reads: the first loop's counts (in the scan
/// [`LoopCounts::start`] began), and once a nested loop starts, the recording's events.
struct LoopSink<'a> {
    reads: &'a mut Vec<(u32, u32)>,
    marks: &'a mut [LocalMark],
    stamp: u32,
    writes: &'a mut Vec<u32>,
    events: &'a mut Vec<LoopEvent>,
    /// A nested loop has started: events are recorded from its `loop` on.
    recording: bool,
    accesses: u32,
    calls: bool,
}

impl LoopSink<'_> {
    /// What operator `ord` (at block depth `depth`) does.
    #[inline(always)]
    fn effect(&mut self, ord: u32, depth: u32, what: LoopEventKind) {
        if ord < LOOP_SCAN_LIMIT {
            match what {
                LoopEventKind::Open | LoopEventKind::End => {}
                LoopEventKind::Read(l) => note_read(self.reads, self.marks, self.stamp, l),
                LoopEventKind::Write(l) => {
                    note_write(self.reads, self.marks, self.stamp, self.writes, l, depth)
                }
                LoopEventKind::Tee(l) => {
                    note_write(self.reads, self.marks, self.stamp, self.writes, l, depth);
                    note_read(self.reads, self.marks, self.stamp, l);
                }
                LoopEventKind::Access => self.accesses += 1,
                LoopEventKind::Call => self.calls = true,
            }
        }
        if self.recording {
            self.events.push(LoopEvent { ord, what });
        }
    }
}

/// Reads the operators from the `loop` that starts `body` on, as [`loop_locals`] looks at
/// them: counts that loop's (at most [`LOOP_SCAN_LIMIT`] operators, up to its `end`) in
/// `counts` and `writes`, returning its memory accesses and what else it found, and records
/// the loops nested in it in `counts`' recording (cleared first), each as far as its own
/// look-ahead would read. The look-ahead skips the common operators
/// itself, over the body's bytes (their LEB128 immediates by their length), and reads any
/// other operator with wasmparser: both read the same operators where the body is valid, and
/// an invalid body fails to compile whatever the look-ahead found.
fn record_loop(
    body: &decode::Operators<'_>,
    num_locals: u32,
    counts: &mut LoopCounts,
    writes: &mut Vec<u32>,
) -> (u32, LoopScan) {
    let LoopCounts {
        reads,
        marks,
        stamp,
        recording: rec,
    } = counts;
    rec.events.clear();
    rec.headers.clear();
    let mut sink = LoopSink {
        reads,
        marks,
        stamp: *stamp,
        writes,
        events: &mut rec.events,
        recording: false,
        accesses: 0,
        calls: false,
    };
    let mut complete = false;
    // The loops open, innermost last: their depths inside and where their look-aheads
    // stop. The record goes on as far as the innermost one's would, so that a nested loop
    // is answered from it.
    let open = &mut rec.open;
    open.clear();
    open.push((1, LOOP_SCAN_LIMIT));
    // The innermost open loop's limit.
    let mut limit = LOOP_SCAN_LIMIT;
    rec.cursor = 0;
    rec.cut_short = false;
    let base = body.original_position();
    let bytes = body.rest();
    let mut pos = 0usize;
    let mut depth = 0u32;
    let mut ord = 0u32;
    // An index beyond the locals is not counted: the body fails to validate when the real
    // pass reaches it.
    let local = |l: u64| (l < u64::from(num_locals)).then_some(l as u32);
    while ord < limit {
        let start = pos;
        let Some(&opcode) = bytes.get(pos) else {
            rec.cut_short = true;
            break;
        };
        pos += 1;
        // Calls (call, call_indirect, memory.grow: a libcall) and memory accesses count
        // even where the operator then cannot be read.
        let fast = match opcode {
            // block, loop, if with an empty or single-value block type, or a type index
            // below 64 (one byte each).
            0x02..=0x04 => match bytes.get(pos) {
                Some(&b)
                    if b == 0x40 || b & 0xc0 == 0 || matches!(b, 0x6f | 0x70 | 0x7b..=0x7f) =>
                {
                    pos += 1;
                    depth += 1;
                    if opcode == LOOP_OPCODE && ord > 0 {
                        sink.recording = true;
                        rec.headers
                            .push((base + start as u64, sink.events.len() as u32));
                        limit = ord + LOOP_SCAN_LIMIT;
                        open.push((depth, limit));
                    }
                    sink.effect(ord, depth, LoopEventKind::Open);
                    true
                }
                _ => false,
            },
            // end
            0x0b => {
                sink.effect(ord, depth, LoopEventKind::End);
                if open.last().is_some_and(|&(d, _)| d == depth) {
                    open.pop();
                    limit = open.last().map_or(0, |&(_, l)| l);
                }
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    complete = true;
                    break;
                }
                true
            }
            // unreachable, nop, else, return, drop, select, the numeric operators,
            // ref.is_null: no immediates.
            0x00 | 0x01 | 0x05 | 0x0f | 0x1a | 0x1b | 0x45..=0xc4 | 0xd1 => true,
            // local.get, local.set, local.tee (whose copy later reads find)
            0x20..=0x22 => match short_leb(bytes, &mut pos, 4) {
                Some(l) => {
                    if let Some(l) = local(l) {
                        let what = match opcode {
                            0x20 => LoopEventKind::Read(l),
                            0x21 => LoopEventKind::Write(l),
                            _ => LoopEventKind::Tee(l),
                        };
                        sink.effect(ord, depth, what);
                    }
                    true
                }
                None => false,
            },
            // br, br_if, ref.func: one u32.
            0x0c | 0x0d | 0xd2 => short_leb(bytes, &mut pos, 4).is_some(),
            // call
            0x10 => {
                sink.effect(ord, depth, LoopEventKind::Call);
                short_leb(bytes, &mut pos, 4).is_some()
            }
            0x23 | 0x24 | 0x41..=0x44 => skip_plain_immediates(bytes, &mut pos, opcode),
            0x28..=0x3e => {
                sink.effect(ord, depth, LoopEventKind::Access);
                skip_plain_immediates(bytes, &mut pos, opcode)
            }
            // call_indirect with a one-byte table index.
            0x11 => {
                sink.effect(ord, depth, LoopEventKind::Call);
                short_leb(bytes, &mut pos, 4).is_some()
                    && matches!(bytes.get(pos), Some(&t) if t < 0x80)
                    && {
                        pos += 1;
                        true
                    }
            }
            // memory.size, memory.grow of memory 0 (encoded as one zero byte).
            0x3f | 0x40 => {
                if opcode == 0x40 {
                    sink.effect(ord, depth, LoopEventKind::Call);
                }
                matches!(bytes.get(pos), Some(0)) && {
                    pos += 1;
                    true
                }
            }
            // The saturating truncations: no immediates.
            0xfc => matches!(short_leb(bytes, &mut pos, 4), Some(0..=7)),
            _ => false,
        };
        ord += 1;
        if fast {
            continue;
        }
        let ord = ord - 1;
        // Anything else: wasmparser reads it from its opcode. (`else` and `end`, the only
        // operators whose reading depends on the enclosing blocks, never come here.)
        use wasmparser::Operator;
        let Some(from) = body.reader_at(start) else {
            rec.cut_short = true;
            break;
        };
        let before = from.bytes_remaining();
        let mut ops = wasmparser::OperatorsReader::new(from);
        let Ok(op) = ops.read() else {
            rec.cut_short = true;
            break;
        };
        pos = start + (before - ops.get_binary_reader().bytes_remaining());
        let what = match op {
            Operator::Loop { .. } => {
                depth += 1;
                if ord > 0 {
                    sink.recording = true;
                    rec.headers
                        .push((base + start as u64, sink.events.len() as u32));
                    limit = ord + LOOP_SCAN_LIMIT;
                    open.push((depth, limit));
                }
                LoopEventKind::Open
            }
            Operator::Block { .. } | Operator::If { .. } => {
                depth += 1;
                LoopEventKind::Open
            }
            Operator::End => {
                sink.effect(ord, depth, LoopEventKind::End);
                if open.last().is_some_and(|&(d, _)| d == depth) {
                    open.pop();
                    limit = open.last().map_or(0, |&(_, l)| l);
                }
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    complete = true;
                    break;
                }
                continue;
            }
            Operator::Call { .. }
            | Operator::CallIndirect { .. }
            | Operator::ReturnCall { .. }
            | Operator::ReturnCallIndirect { .. }
            | Operator::CallRef { .. } => LoopEventKind::Call,
            Operator::LocalGet { local_index } => match local(local_index.into()) {
                Some(l) => LoopEventKind::Read(l),
                None => continue,
            },
            Operator::LocalSet { local_index } => match local(local_index.into()) {
                Some(l) => LoopEventKind::Write(l),
                None => continue,
            },
            Operator::LocalTee { local_index } => match local(local_index.into()) {
                Some(l) => LoopEventKind::Tee(l),
                None => continue,
            },
            _ => continue,
        };
        sink.effect(ord, depth, what);
    }
    rec.end_ord = ord;
    let scan = LoopScan {
        complete,
        calls: sink.calls,
    };
    (sink.accesses, scan)
}

/// Answers [`loop_locals`] for the loop whose `Open` is event `first` of the recording in
/// `counts`, or `None` when the recording stops before that loop's look-ahead would.
fn replay_loop(
    first: usize,
    guard_pages: bool,
    num_locals: u32,
    counts: &mut LoopCounts,
    out: &mut Vec<u32>,
    writes: &mut Vec<u32>,
) -> Option<LoopScan> {
    counts.start(num_locals);
    writes.clear();
    out.clear();
    let rec = &counts.recording;
    let events = rec.events.get(first..)?;
    let limit = events.first()?.ord + LOOP_SCAN_LIMIT;
    let mut accesses = 0u32;
    let mut depth = 0u32;
    let mut complete = false;
    let mut calls = false;
    let mut reached = false;
    let reads = &mut counts.reads;
    let marks = &mut counts.marks;
    let stamp = counts.stamp;
    for ev in events {
        if ev.ord >= limit {
            reached = true;
            break;
        }
        match ev.what {
            LoopEventKind::Open => depth += 1,
            LoopEventKind::End => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    complete = true;
                    break;
                }
            }
            LoopEventKind::Read(l) => note_read(reads, marks, stamp, l),
            LoopEventKind::Write(l) => note_write(reads, marks, stamp, writes, l, depth),
            LoopEventKind::Tee(l) => {
                note_write(reads, marks, stamp, writes, l, depth);
                note_read(reads, marks, stamp, l);
            }
            LoopEventKind::Access => accesses += 1,
            LoopEventKind::Call => calls = true,
        }
    }
    // Without its end, the loop's own look-ahead would read on to its limit: the record
    // must have been cut short where that look-ahead would stop too, or reach as far.
    if !complete && !reached && !rec.cut_short && rec.end_ord < limit {
        return None;
    }
    finish_scan(reads, accesses, guard_pages, out);
    Some(LoopScan { complete, calls })
}

/// What a loop's look-ahead ([`loop_locals`]) found besides the locals.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct LoopScan {
    /// It read the loop to its `end`: the locals it lists are all the loop reads and writes.
    pub complete: bool,
    /// The loop calls (or grows memory): every cached copy is dropped in each iteration.
    pub calls: bool,
}

/// A loop look-ahead's counts ([`loop_locals`]), kept from one loop (and function) to the
/// next: the locals read, in the order first seen, and per local index where it is in them
/// and whether it was written (each scan stamps the marks it sets, so none need clearing).
#[derive(Default)]
pub(crate) struct LoopCounts {
    /// `(local, reads)` in the order first seen ([`DEAD_AT_HEADER`]: written first at the
    /// loop's own level).
    reads: Vec<(u32, u32)>,
    /// Per local index (below the function's count), its mark.
    marks: Vec<LocalMark>,
    /// The current scan's stamp (never 0).
    stamp: u32,
    /// What the last look-ahead read, for the loops nested in it.
    recording: LoopRecording,
}

/// What a loop look-ahead read ([`record_loop`]), kept for the loops nested in that loop.
#[derive(Default)]
pub(crate) struct LoopRecording {
    /// What the operators read do that counts, in order, from the first nested loop's `loop`
    /// on (the first loop is counted as it is read).
    events: Vec<LoopEvent>,
    /// The loops read: their offsets in the module and their `Open` events.
    headers: Vec<(u64, u32)>,
    /// The first of `headers` not yet reached by the compile loop.
    cursor: usize,
    /// [`record_loop`]'s loops open (kept for its buffer).
    open: Vec<(u32, u32)>,
    /// Operators read (or the outermost loop's `end`, where it stopped there).
    end_ord: u32,
    /// It stopped at an operator it could not read (or the body's end), as the look-ahead of
    /// any loop it read would.
    cut_short: bool,
}

/// One thing an operator a loop look-ahead read does.
#[derive(Clone, Copy)]
struct LoopEvent {
    /// The operator's place in the look-ahead (0: the first loop's `loop`).
    ord: u32,
    what: LoopEventKind,
}

#[derive(Clone, Copy)]
enum LoopEventKind {
    /// `block`, `loop`, `if`.
    Open,
    End,
    /// `local.get` of a local below the function's count.
    Read(u32),
    /// `local.set`.
    Write(u32),
    /// `local.tee`: a write, then a read.
    Tee(u32),
    /// A load or store.
    Access,
    /// A call, or `memory.grow`.
    Call,
}

/// What one scan found of one local (stale unless `stamp` is the scan's).
#[derive(Clone, Copy, Default)]
struct LocalMark {
    stamp: u32,
    /// Its position in [`LoopCounts::reads`] plus one; 0: not there.
    pos: u32,
    /// It is in the scan's writes.
    written: bool,
}

impl LoopCounts {
    /// Starts a scan in a function of `num_locals` locals.
    fn start(&mut self, num_locals: u32) {
        self.reads.clear();
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // Stamps wrapped around: no old mark may look current.
            self.marks.clear();
            self.stamp = 1;
        }
        if self.marks.len() < num_locals as usize {
            self.marks.resize(num_locals as usize, LocalMark::default());
        }
    }

    /// Forgets the last function's recording.
    pub(crate) fn start_function(&mut self) {
        self.recording.headers.clear();
        self.recording.events.clear();
        self.recording.cursor = 0;
    }
}

/// The current scan's (`stamp`) mark of `local` (below the function's count) in `marks`.
#[inline(always)]
fn mark(marks: &mut [LocalMark], stamp: u32, local: u32) -> &mut LocalMark {
    let m = &mut marks[local as usize];
    if m.stamp != stamp {
        *m = LocalMark {
            stamp,
            pos: 0,
            written: false,
        };
    }
    m
}

/// Counts a read of `local` (none once it is dead at the header) in `reads`.
#[inline(always)]
fn note_read(reads: &mut Vec<(u32, u32)>, marks: &mut [LocalMark], stamp: u32, local: u32) {
    let m = mark(marks, stamp, local);
    if m.pos == 0 {
        reads.push((local, 1));
        m.pos = reads.len() as u32;
    } else {
        let n = &mut reads[m.pos as usize - 1].1;
        if *n != DEAD_AT_HEADER {
            *n += 1;
        }
    }
}

/// Records a write of `local` at block depth `depth` (1: the loop's own level) in
/// `writes`: a local first written at the loop's own level, before any read, is dead at
/// the header, not worth a register there.
#[inline(always)]
fn note_write(
    reads: &mut Vec<(u32, u32)>,
    marks: &mut [LocalMark],
    stamp: u32,
    writes: &mut Vec<u32>,
    local: u32,
    depth: u32,
) {
    let m = mark(marks, stamp, local);
    if depth == 1 && m.pos == 0 {
        reads.push((local, DEAD_AT_HEADER));
        m.pos = reads.len() as u32;
    }
    if !m.written {
        writes.push(local);
        m.written = true;
    }
}

/// Whether local `local`'s value is dead at `pos` of the operators' bytes `bytes`: a short
/// straight-line look-ahead finds `local.set` or `local.tee` of it before any `local.get` of
/// it, with only operators between that neither read it nor branch (numeric ones, constants,
/// loads and stores, globals, `drop`, `select`, other locals), or finds the function's exit
/// (`return`, or the body's last byte, its final `end`: `bytes` runs to the body's end).
/// Anything else, or the end of the look-ahead, answers no. (Only a hint: a wrong answer on an invalid body changes code
/// that is then rejected.)
#[inline]
pub(crate) fn dead_after(bytes: &[u8], mut pos: usize, local: u32) -> bool {
    for _ in 0..DEAD_SCAN_LIMIT {
        let Some(&opcode) = bytes.get(pos) else {
            return false;
        };
        pos += 1;
        let ok = match opcode {
            // local.get, local.set, local.tee
            0x20..=0x22 => match short_leb(bytes, &mut pos, 5) {
                Some(l) if l == u64::from(local) => return opcode != 0x20,
                Some(_) => true,
                None => false,
            },
            // drop, select, the numeric operators
            0x1a | 0x1b | 0x45..=0xc4 => true,
            // return; the function's `end`
            0x0f => return true,
            0x0b => return pos == bytes.len(),
            _ => skip_plain_immediates(bytes, &mut pos, opcode),
        };
        if !ok {
            return false;
        }
    }
    false
}

/// Moves `pos` past the immediates of `opcode` (just read) when it is a plain operator both
/// look-aheads step over: global.get/set, the constants, and loads and stores whose flags are
/// one byte (no memory index, no ordering). False for any other opcode, or an immediate
/// longer than a valid one can be (an invalid body fails to compile whatever a look-ahead
/// read).
#[inline(always)]
fn skip_plain_immediates(bytes: &[u8], pos: &mut usize, opcode: u8) -> bool {
    match opcode {
        // global.get, global.set: one u32; i32.const: one i32.
        0x23 | 0x24 | 0x41 => short_leb(bytes, pos, 5).is_some(),
        // i64.const
        0x42 => short_leb(bytes, pos, 10).is_some(),
        // f32.const, f64.const
        0x43 | 0x44 => {
            *pos += if opcode == 0x43 { 4 } else { 8 };
            *pos <= bytes.len()
        }
        0x28..=0x3e => match bytes.get(*pos) {
            Some(&flags) if flags < 0x10 => {
                *pos += 1;
                short_leb(bytes, pos, 5).is_some()
            }
            _ => false,
        },
        _ => false,
    }
}

/// Operators [`furthest_read`] looks ahead at most.
const READ_SCAN_LIMIT: u32 = 64;

/// Of the cache keys `keys` (locals, or memory 0's base and length; least recently used first),
/// the one whose next read is furthest ahead of the operator at `pos` in `bytes` (after the
/// reads `stacked`: lazy copies on the operand stack, which the operators ahead consume), the
/// best copy to evict (Belady's choice): a key written before it is read, or not read before a
/// call (which drops every copy) or the end of the look-ahead, comes first; ties go to the
/// least recently used. The look-ahead reads straight through the code, blocks and branches
/// included, over at most [`READ_SCAN_LIMIT`] operators; it stops at calls and at operators
/// it does not know. `None` when there is no choice to make. Only a hint: any answer is
/// correct code, except that the key comes with `true` only when it is dead: written before
/// any read with nothing between that branches or joins (as [`dead_after`] answers), so that
/// its copy needs no write-back.
pub(crate) fn furthest_read(
    bytes: &[u8],
    mut pos: usize,
    keys: &[u32],
    stacked: impl Iterator<Item = u32>,
) -> Option<(u32, bool)> {
    if keys.len() < 2 {
        return None;
    }
    // Keys whose next access is not found yet: bit i for keys[i].
    let mut open: u32 = (1u32 << keys.len()) - 1;
    let mut last = 0;
    let resolve = |open: &mut u32, last: &mut usize, key: u32| {
        if let Some(i) = keys.iter().position(|&k| k == key) {
            if *open & (1 << i) != 0 {
                *open &= !(1 << i);
                *last = i;
            }
        }
    };
    for key in stacked {
        if open.count_ones() <= 1 {
            break;
        }
        resolve(&mut open, &mut last, key);
    }
    // No branch or join so far.
    let mut straight = true;
    for _ in 0..READ_SCAN_LIMIT {
        if open.count_ones() <= 1 {
            break;
        }
        let Some(&opcode) = bytes.get(pos) else {
            break;
        };
        pos += 1;
        if matches!(opcode, 0x02..=0x05 | 0x0b..=0x0d) {
            straight = false;
        }
        let ok = match opcode {
            // local.get: read here (resolved, the most recent so far).
            0x20 => match short_leb(bytes, &mut pos, 5) {
                Some(l) => {
                    resolve(&mut open, &mut last, l as u32);
                    true
                }
                None => false,
            },
            // local.set, local.tee: written before any read, the copy is worth nothing.
            0x21 | 0x22 => match short_leb(bytes, &mut pos, 5) {
                Some(l) => {
                    if let Some(i) = keys.iter().position(|&k| k == l as u32) {
                        if open & (1 << i) != 0 && open.count_ones() > 1 {
                            return Some((keys[i], straight));
                        }
                    }
                    true
                }
                None => false,
            },
            // Loads and stores read memory 0's base (and, checked, its length).
            0x28..=0x3e => {
                resolve(&mut open, &mut last, cache::MEMORY_BASE_KEY);
                resolve(&mut open, &mut last, cache::MEMORY_LENGTH_KEY);
                skip_plain_immediates(bytes, &mut pos, opcode)
            }
            // drop, select, the numeric operators; else, end.
            0x1a | 0x1b | 0x45..=0xc4 | 0x05 | 0x0b => true,
            // block, loop, if: a block type (a value type, empty, or a type index).
            0x02..=0x04 => short_leb(bytes, &mut pos, 5).is_some(),
            // br, br_if: a label.
            0x0c | 0x0d => short_leb(bytes, &mut pos, 5).is_some(),
            _ => skip_plain_immediates(bytes, &mut pos, opcode),
        };
        if !ok {
            break;
        }
    }
    // Not read within the look-ahead: the least recently used of those; else the one read
    // last.
    Some(if open != 0 {
        (keys[open.trailing_zeros() as usize], false)
    } else {
        (keys[last], false)
    })
}

/// Decodes the unsigned LEB128 at `bytes[*pos..]` when it is at most `max` bytes long and
/// advances past it; `None` (with `*pos` anywhere) when it is longer or cut off. Any LEB128
/// that short is a valid u32 (`max` 4) or i64 (`max` 9) to wasmparser, with the same length.
#[inline(always)]
fn short_leb(bytes: &[u8], pos: &mut usize, max: usize) -> Option<u64> {
    let mut value = 0u64;
    for i in 0..max {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Validates each operator, then compiles it (skipping code that cannot run).
struct Visitor<'c, 'm, E: Emitter> {
    cg: &'c mut CodeGen<'m, E>,
    validator: &'c mut FuncValidator<ValidatorResources>,
    offset: usize,
}

impl<'c, 'm, E: Emitter> Visitor<'c, 'm, E> {
    /// Whether the operator must be compiled: control-structure operators always are (they
    /// track nesting), the others only in reachable code.
    /// A comparison left pending by the previous operator is computed first unless this one
    /// `fuses` with it (consumes it in place).
    #[inline]
    fn compiles(
        &mut self,
        structural: bool,
        fuses: bool,
        class: crate::debug::interp::OpClass,
    ) -> bool {
        self.cg.offset = self.offset;
        if !fuses {
            self.cg.materialize_pending();
        }
        self.cg.e.set_source_loc(self.offset as u32);
        if self.cg.reachable {
            self.cg.stop_point(
                crate::debug::SiteKind::Instruction,
                self.offset as u32,
                class,
            );
        }
        structural || self.cg.reachable
    }
}

macro_rules! dispatch {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
        $( dispatch!(one @$proposal $op $({ $($arg: $argty),* })? => $visit); )*
    };
    (one @mvp $op:ident { relative_depth: $argty:ty } => $visit:ident) => {
        // `br` and `br_if`: their class depends on the target (see `CodeGen::branch_class`).
        fn $visit(&mut self, relative_depth: $argty) -> Self::Output {
            self.validator.visitor(self.offset as u64).$visit(relative_depth)?;
            let conditional = matches!(stringify!($op).as_bytes(), b"BrIf");
            let class = self.cg.branch_class(relative_depth, conditional);
            if !self.compiles(false, conditional, class) {
                return Ok(());
            }
            self.cg.$visit(relative_depth)
        }
    };
    (one @mvp $($rest:tt)*) => { dispatch!(compile $($rest)*); };
    (one @sign_extension $($rest:tt)*) => { dispatch!(compile $($rest)*); };
    (one @saturating_float_to_int $($rest:tt)*) => { dispatch!(compile $($rest)*); };
    (one @bulk_memory $($rest:tt)*) => { dispatch!(compile $($rest)*); };
    (one @reference_types TypedSelectMulti $($rest:tt)*) => { dispatch!(reject TypedSelectMulti $($rest)*); };
    (one @reference_types $($rest:tt)*) => { dispatch!(compile $($rest)*); };
    (one @$proposal:ident $($rest:tt)*) => { dispatch!(reject $($rest)*); };
    (compile $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident) => {
        fn $visit(&mut self $($(,$arg: $argty)*)?) -> Self::Output {
            self.validator.visitor(self.offset as u64).$visit($($($arg.clone()),*)?)?;
            let structural = matches!(stringify!($op).as_bytes(), b"Block" | b"Loop" | b"If" | b"Else" | b"End");
            // Code without debugging also fuses `end`: the function's computes a pending
            // comparison straight into the result register (see `CodeGen::visit_end`).
            let fuses = matches!(stringify!($op).as_bytes(), b"If" | b"BrIf" | b"I32Eqz")
                || (matches!(stringify!($op).as_bytes(), b"End") && self.cg.debug.is_none());
            const CLASS: crate::debug::interp::OpClass = crate::debug::interp::op_class(stringify!($op));
            if !self.compiles(structural, fuses, CLASS) {
                return Ok(());
            }
            self.cg.$visit($($($arg),*)?)
        }
    };
    (reject $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident) => {
        fn $visit(&mut self $($(,$arg: $argty)*)?) -> Self::Output {
            self.validator.visitor(self.offset as u64).$visit($($($arg),*)?)?;
            Err(Error::unsupported(concat!("unsupported operator: ", stringify!($op)), self.offset))
        }
    };
}

/// The reader's frame stack is the validator's: the kind of the innermost open frame.
impl<E: Emitter> wasmparser::FrameStack for Visitor<'_, '_, E> {
    fn current_frame(&self) -> Option<wasmparser::FrameKind> {
        innermost_frame(self.validator)
    }
}

/// The kind of the innermost control frame `validator` has open.
fn innermost_frame(validator: &FuncValidator<ValidatorResources>) -> Option<wasmparser::FrameKind> {
    validator.get_control_frame(0).map(|f| f.kind)
}

/// A validator's control frames as a reader's frame stack.
struct ValidatorFrames<'v>(&'v FuncValidator<ValidatorResources>);

impl wasmparser::FrameStack for ValidatorFrames<'_> {
    fn current_frame(&self) -> Option<wasmparser::FrameKind> {
        innermost_frame(self.0)
    }
}

impl<'a, 'c, 'm, E: Emitter> VisitOperator<'a> for Visitor<'c, 'm, E> {
    type Output = Result<()>;
    wasmparser::for_each_visit_operator!(dispatch);
}
#[cfg(test)]
mod dead_after_tests {
    #[test]
    fn finds_the_set() {
        // i32.const 16; i32.rotl; local.tee 22
        assert!(super::dead_after(&[0x41, 0x10, 0x77, 0x22, 22], 0, 22));
        assert!(!super::dead_after(&[0x41, 0x10, 0x20, 22, 0x22, 22], 0, 22));
        // i32.const 1; i32.add; end (the function's, the last byte); a block's end, then more.
        assert!(super::dead_after(&[0x41, 0x01, 0x6a, 0x0b], 0, 22));
        assert!(!super::dead_after(&[0x6a, 0x0b, 0x20, 22, 0x0b], 0, 22));
        // return
        assert!(super::dead_after(&[0x6a, 0x0f, 0x20, 22, 0x0b], 0, 22));
    }
}
