//! Debugging with LLDB: a gdb-remote stub for LLDB's WebAssembly plug-in
//! (`process connect --plugin wasm connect://HOST:PORT`).
//!
//! The protocol is `breakwater_core::gdb` (no_std, any transport); this module is its host
//! side: every debugged instance is an LLDB thread, on whatever thread of this process runs
//! it. The debugger hook of a stopped instance blocks its thread and answers the protocol's
//! questions (frames, locals, operand stack, globals, memory) until LLDB resumes it; the others
//! are paused at their next site, so LLDB sees an all-stop process. Breakpoints are set in
//! every instance of their module; no code is ever written.
//!
//! ```no_run
//! # fn main() -> breakwater::Result<()> {
//! use breakwater::{gdb::GdbStub, Config, Engine, Instance, Module, Store};
//! let engine = Engine::new(Config::new().debug(true))?;
//! let module = Module::new(&engine, std::fs::read("prog.wasm").unwrap())?;
//! let stub = GdbStub::new();
//! let mut store = Store::new(&engine, ());
//! let instance = Instance::new(&mut store, &module, &[])?;
//! stub.add_instance(&mut store, &instance, &module, "prog.wasm")?; // LLDB thread 1
//! let listener = std::net::TcpListener::bind("127.0.0.1:1234").unwrap();
//! let server = stub.clone();
//! std::thread::spawn(move || server.serve_tcp(&listener));
//! // Runs once LLDB is connected and continues; stops wherever LLDB says.
//! instance.get_typed_func::<(), ()>(&mut store, "_start")?.call(&mut store, ())?;
//! stub.exit(0);
//! # Ok(()) }
//! ```

mod hook;
mod watch;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use breakwater_core::debug::Value;
use breakwater_core::gdb::{self, Debuggee, Ended, Event, Resume, StopKind, WatchKind};
use breakwater_core::runtime::CompiledModule;

use crate::debug::DebugHandle;
use crate::store::AsContextMut;
use crate::{Error, Instance, Module, Result};

pub use breakwater_core::gdb::{Ended as SessionEnd, ServeError};

/// How long a question about a thread waits for it to stop (it may be in a host call).
const STOP_WAIT: Duration = Duration::from_secs(2);

/// What LLDB wants a thread to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    /// Run: a stale pause is ignored.
    Run,
    /// Step: the next stop point is a step's end.
    Step,
    /// Stay stopped: a pause is not an event.
    Hold,
}

/// A question for a stopped thread, answered on that thread by its hook.
#[derive(Debug)]
enum Request {
    Local { frame: u32, index: u32 },
    Global { index: u32 },
    Stack { frame: u32, index: u32 },
    Read { offset: u32, len: usize },
    Write { offset: u32, data: Vec<u8> },
}

#[derive(Debug)]
enum Reply {
    Value(Option<Value>),
    Bytes(Vec<u8>),
    Written(bool),
}

/// A stopped thread.
struct Stopped {
    kind: StopKind,
    /// Its frames' program counters, innermost first.
    stack: Vec<u64>,
    /// LLDB was told (or it was a quiet pause).
    reported: bool,
}

struct Thread {
    handle: DebugHandle,
    module: u32,
    want: Want,
    stopped: Option<Stopped>,
    request: Option<Request>,
    reply: Option<Reply>,
    resume: Option<crate::debug::ResumeAction>,
}

struct Session {
    modules: Vec<(Arc<CompiledModule>, String)>,
    threads: BTreeMap<u32, Thread>,
    next_tid: u32,
    /// LLDB's view: the target runs (a stop is an event) or is stopped.
    running: bool,
    /// An interrupt is pending: the next pause is LLDB's stop.
    interrupting: bool,
    events: VecDeque<Event>,
    breakpoints: BTreeSet<(u32, u32)>,
    /// Watched ranges; while there are any, every load and store is a breakpoint.
    watches: Vec<watch::Watch>,
    /// The loads and stores of each module, by offset (found when first watched).
    accesses: BTreeMap<u32, Arc<Vec<watch::Access>>>,
    ended: Option<Ended>,
}

impl Session {
    /// The loads and stores of module `module`.
    fn accesses_of(&mut self, module: u32) -> Arc<Vec<watch::Access>> {
        let modules = &self.modules;
        self.accesses
            .entry(module)
            .or_insert_with(|| {
                let m = &modules[module as usize].0;
                Arc::new(watch::accesses(&m.bytes, m.info.num_imported_funcs))
            })
            .clone()
    }

    /// Arms (or disarms) the loads and stores of every thread in `module`, or of one thread:
    /// a site stays armed while a breakpoint of LLDB's is there.
    fn arm_accesses(&mut self, on: bool, only: Option<u32>) {
        let tids: Vec<u32> = self.threads.keys().copied().collect();
        for tid in tids {
            if only.is_some_and(|t| t != tid) {
                continue;
            }
            let module = self.threads[&tid].module;
            let accesses = self.accesses_of(module);
            let t = &self.threads[&tid];
            let points: Vec<(u32, u32)> = accesses
                .iter()
                .filter(|a| on || !self.breakpoints.contains(&(module, a.offset)))
                .map(|a| (a.func, a.offset))
                .collect();
            let _ = if on {
                t.handle.set_breakpoints(&points)
            } else {
                t.handle.clear_breakpoints(&points)
            };
        }
    }

    /// Whether offset `offset` of `module` is a load or store that watchpoints break at.
    fn is_watch_site(&mut self, module: u32, offset: u32) -> bool {
        !self.watches.is_empty()
            && self
                .accesses_of(module)
                .binary_search_by_key(&offset, |a| a.offset)
                .is_ok()
    }
}

struct Shared {
    session: Mutex<Session>,
    changed: Condvar,
}

/// A gdb-remote stub serving any number of instances, each an LLDB thread. Cheap to clone;
/// clones share the session.
#[derive(Clone)]
pub struct GdbStub {
    shared: Arc<Shared>,
}

impl Default for GdbStub {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for GdbStub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.lock();
        write!(f, "GdbStub({} threads)", s.threads.len())
    }
}

impl GdbStub {
    /// A stub with no instances; the target starts stopped (instances added now stop at their
    /// first stop point until LLDB continues).
    pub fn new() -> GdbStub {
        GdbStub {
            shared: Arc::new(Shared {
                session: Mutex::new(Session {
                    modules: Vec::new(),
                    threads: BTreeMap::new(),
                    next_tid: 1,
                    running: false,
                    interrupting: false,
                    events: VecDeque::new(),
                    breakpoints: BTreeSet::new(),
                    watches: Vec::new(),
                    accesses: BTreeMap::new(),
                    ended: None,
                }),
                changed: Condvar::new(),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Session> {
        // A panic while holding the lock leaves consistent data (every update is one step).
        self.shared
            .session
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    fn wait<'a>(
        &self,
        guard: MutexGuard<'a, Session>,
        timeout: Duration,
    ) -> MutexGuard<'a, Session> {
        match self.shared.changed.wait_timeout(guard, timeout) {
            Ok((g, _)) => g,
            Err(e) => e.into_inner().0,
        }
    }

    /// Debugs `instance` (of `module`, compiled with debugging) as a new LLDB thread, named
    /// `name` in LLDB's library list; returns its thread id. Attaches the instance's debugger.
    pub fn add_instance(
        &self,
        mut store: impl AsContextMut,
        instance: &Instance,
        module: &Module,
        name: &str,
    ) -> Result<u32> {
        let compiled = module.compiled().clone();
        let mut s = self.lock();
        if s.ended.is_some() {
            return Err(Error::Resource("the debugging session is over".into()));
        }
        let module_id = match s
            .modules
            .iter()
            .position(|(m, _)| Arc::ptr_eq(m, &compiled))
        {
            Some(i) => i as u32,
            None => {
                s.modules.push((compiled.clone(), name.to_string()));
                (s.modules.len() - 1) as u32
            }
        };
        let tid = s.next_tid;
        let mut hook = hook::ThreadHook {
            stub: self.clone(),
            tid,
            module: module_id,
            step_from: None,
            watch_hit: None,
        };
        let handle = instance.attach_debugger(&mut store, move |stop| hook.on_stop(stop))?;
        for &(m, offset) in &s.breakpoints {
            if m == module_id {
                set_in(&handle, &compiled, offset);
            }
        }
        let want = if s.running { Want::Run } else { Want::Hold };
        if want == Want::Hold {
            handle.pause();
        }
        s.next_tid += 1;
        s.threads.insert(
            tid,
            Thread {
                handle,
                module: module_id,
                want,
                stopped: None,
                request: None,
                reply: None,
                resume: None,
            },
        );
        if !s.watches.is_empty() {
            s.arm_accesses(true, Some(tid));
        }
        Ok(tid)
    }

    /// Thread `tid`'s instance is done (its thread leaves LLDB's list).
    pub fn remove_instance(&self, tid: u32) {
        let mut s = self.lock();
        s.threads.remove(&tid);
        self.shared.changed.notify_all();
    }

    /// The program exited with `code`: LLDB is told (when it is waiting for a stop).
    pub fn exit(&self, code: u8) {
        let mut s = self.lock();
        s.threads.clear();
        s.events.push_back(Event::Exited(code));
        self.shared.changed.notify_all();
    }

    /// How the session ended, once it has.
    pub fn ended(&self) -> Option<Ended> {
        self.lock().ended
    }

    /// Serves LLDB over a connection (any `gdbstub` connection: a socket, a serial line)
    /// until it detaches or kills the program, or the program exits.
    pub fn serve<C>(&self, conn: C) -> std::result::Result<Ended, ServeError>
    where
        C: gdb::ConnectionExt,
        C::Error: std::fmt::Debug,
    {
        let ended = gdb::serve(self, conn);
        let mut s = self.lock();
        s.ended
            .get_or_insert(*ended.as_ref().unwrap_or(&Ended::Detached));
        self.shared.changed.notify_all();
        ended
    }

    /// Accepts one LLDB connection on `listener` and serves it.
    pub fn serve_tcp(&self, listener: &TcpListener) -> std::result::Result<Ended, ServeError> {
        let (stream, _) = listener
            .accept()
            .map_err(|e| ServeError(format!("cannot accept a debugger: {e}")))?;
        self.serve_stream(stream)
    }

    /// Serves LLDB over an accepted TCP connection.
    pub fn serve_stream(&self, stream: TcpStream) -> std::result::Result<Ended, ServeError> {
        // Packets are small and answered one at a time: no Nagle delays.
        let _ = stream.set_nodelay(true);
        self.serve(stream)
    }

    /// Waits until thread `tid` is stopped, then runs `f` on the session.
    fn with_stopped<R>(&self, tid: u32, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        let deadline = Instant::now() + STOP_WAIT;
        let mut s = self.lock();
        loop {
            let t = s.threads.get(&tid)?;
            if t.stopped.is_some() {
                return Some(f(&mut s));
            }
            let now = Instant::now();
            if now >= deadline || s.ended.is_some() {
                return None;
            }
            s = self.wait(s, deadline - now);
        }
    }

    /// Asks stopped thread `tid` a question and waits for its hook's answer.
    fn ask(&self, tid: u32, request: Request) -> Option<Reply> {
        self.with_stopped(tid, |_| ())?;
        let mut s = self.lock();
        let t = s.threads.get_mut(&tid)?;
        t.reply = None;
        t.request = Some(request);
        self.shared.changed.notify_all();
        loop {
            let t = s.threads.get_mut(&tid)?;
            if let Some(reply) = t.reply.take() {
                return Some(reply);
            }
            if t.stopped.is_none() || s.ended.is_some() {
                return None;
            }
            s = self.wait(s, STOP_WAIT);
        }
    }

    fn value(&self, tid: u32, request: Request) -> Option<Value> {
        match self.ask(tid, request)? {
            Reply::Value(v) => v,
            _ => None,
        }
    }
}

/// Sets a breakpoint at module offset `offset` in one instance.
fn set_in(handle: &DebugHandle, module: &CompiledModule, offset: u32) -> bool {
    offset
        .checked_sub(module.info.code_section_start as u32)
        .is_some_and(|code| handle.set_breakpoint_at_code_offset(code).is_ok())
}

impl Debuggee for GdbStub {
    fn module_name(&self, module: u32) -> Option<String> {
        Some(self.lock().modules.get(module as usize)?.1.clone())
    }

    fn read_module(&self, module: u32, offset: u32, buf: &mut [u8]) -> Option<usize> {
        let s = self.lock();
        let bytes = &s.modules.get(module as usize)?.0.bytes;
        let from = (offset as usize).min(bytes.len());
        let n = (bytes.len() - from).min(buf.len());
        buf[..n].copy_from_slice(&bytes[from..from + n]);
        Some(n)
    }

    fn module_count(&self) -> u32 {
        self.lock().modules.len() as u32
    }

    fn threads(&self) -> Vec<u32> {
        self.lock().threads.keys().copied().collect()
    }

    fn call_stack(&self, tid: u32) -> Vec<u64> {
        self.with_stopped(tid, |s| {
            s.threads[&tid]
                .stopped
                .as_ref()
                .map_or(Vec::new(), |st| st.stack.clone())
        })
        .unwrap_or_default()
    }

    fn local(&self, tid: u32, frame: u32, index: u32) -> Option<Value> {
        self.value(tid, Request::Local { frame, index })
    }

    fn global(&self, tid: u32, _frame: u32, index: u32) -> Option<Value> {
        // Every frame of a thread is in its instance's module: one set of globals.
        self.value(tid, Request::Global { index })
    }

    fn stack_value(&self, tid: u32, frame: u32, index: u32) -> Option<Value> {
        self.value(tid, Request::Stack { frame, index })
    }

    fn read_memory(&self, tid: u32, _memory: u32, offset: u32, buf: &mut [u8]) -> usize {
        let request = Request::Read {
            offset,
            len: buf.len(),
        };
        match self.ask(tid, request) {
            Some(Reply::Bytes(bytes)) => {
                buf[..bytes.len()].copy_from_slice(&bytes);
                bytes.len()
            }
            _ => 0,
        }
    }

    fn write_memory(&self, tid: u32, _memory: u32, offset: u32, data: &[u8]) -> bool {
        let request = Request::Write {
            offset,
            data: data.to_vec(),
        };
        matches!(self.ask(tid, request), Some(Reply::Written(true)))
    }

    fn set_breakpoint(&self, module: u32, offset: u32) -> bool {
        let mut s = self.lock();
        let Some((compiled, _)) = s.modules.get(module as usize) else {
            return false;
        };
        let mut any = false;
        for t in s.threads.values().filter(|t| t.module == module) {
            any |= set_in(&t.handle, compiled, offset);
        }
        if any {
            s.breakpoints.insert((module, offset));
        }
        any
    }

    fn clear_breakpoint(&self, module: u32, offset: u32) -> bool {
        let mut s = self.lock();
        let Some((compiled, _)) = s.modules.get(module as usize) else {
            return false;
        };
        let Some(code) = offset.checked_sub(compiled.info.code_section_start as u32) else {
            return false;
        };
        let was_set = s.breakpoints.remove(&(module, offset));
        // A load or store stays a breakpoint while watchpoints need it.
        if !s.is_watch_site(module, offset) {
            for t in s.threads.values().filter(|t| t.module == module) {
                let _ = t.handle.clear_breakpoint_at_code_offset(code);
            }
        }
        was_set
    }

    fn set_watchpoint(&self, addr: u64, len: u32, kind: WatchKind) -> bool {
        let mut s = self.lock();
        if s.watches.is_empty() {
            s.arm_accesses(true, None);
        }
        s.watches.push(watch::Watch { addr, len, kind });
        true
    }

    fn clear_watchpoint(&self, addr: u64, len: u32, kind: WatchKind) -> bool {
        let mut s = self.lock();
        let before = s.watches.len();
        let gone = watch::Watch { addr, len, kind };
        s.watches.retain(|w| *w != gone);
        let removed = s.watches.len() < before;
        if removed && s.watches.is_empty() {
            s.arm_accesses(false, None);
        }
        removed
    }

    fn resume(&self, action: &dyn Fn(u32) -> Resume) {
        use crate::debug::ResumeAction;
        let mut s = self.lock();
        // A stop that happened while LLDB looked at another one is reported first, as if
        // the program had run into it at once (only for a thread LLDB resumes now).
        let breakpoints = s.breakpoints.clone();
        let pending = s.threads.iter_mut().find_map(|(&tid, t)| {
            let st = t.stopped.as_mut()?;
            if st.reported || action(tid) == Resume::Stay {
                return None;
            }
            st.reported = true;
            // A breakpoint LLDB has removed since is no reason to stop any more.
            let pc = gdb::WasmAddr::from_raw(*st.stack.first()?)?;
            let gone = st.kind == StopKind::Breakpoint
                && !breakpoints.contains(&(pc.module_index(), pc.offset()));
            (!gone).then_some((tid, st.kind))
        });
        if let Some((tid, kind)) = pending {
            // Nothing runs: the target stays stopped, LLDB hears of this stop at once.
            s.events.push_back(Event::Stopped { tid, kind });
            self.shared.changed.notify_all();
            return;
        }
        s.running = true;
        for (&tid, t) in s.threads.iter_mut() {
            t.want = match action(tid) {
                Resume::Continue => Want::Run,
                Resume::Step => Want::Step,
                Resume::Stay => Want::Hold,
            };
            if t.stopped.is_some() {
                t.resume = match t.want {
                    Want::Run => Some(ResumeAction::Continue),
                    Want::Step => Some(ResumeAction::StepInto),
                    Want::Hold => None,
                };
            }
        }
        self.shared.changed.notify_all();
    }

    fn interrupt(&self) {
        let mut s = self.lock();
        s.interrupting = true;
        for t in s.threads.values() {
            if t.stopped.is_none() {
                t.handle.pause();
            }
        }
        // Everything already stopped (held by a step of another thread): report at once.
        if s.running && s.threads.values().all(|t| t.stopped.is_some()) {
            if let Some((&tid, _)) = s.threads.iter().next() {
                s.running = false;
                s.interrupting = false;
                s.events.push_back(Event::Stopped {
                    tid,
                    kind: StopKind::Interrupt,
                });
            }
        }
        self.shared.changed.notify_all();
    }

    fn wait(&self, timeout_ms: u32) -> Option<Event> {
        let mut s = self.lock();
        if s.events.is_empty() {
            s = self.wait(s, Duration::from_millis(timeout_ms as u64));
        }
        s.events.pop_front()
    }

    fn kill(&self) {
        let mut s = self.lock();
        s.ended = Some(Ended::Killed);
        for t in s.threads.values_mut() {
            if t.stopped.is_none() {
                t.handle.pause();
            }
        }
        self.shared.changed.notify_all();
    }

    fn detach(&self) {
        let mut s = self.lock();
        if s.ended.is_none() {
            s.ended = Some(Ended::Detached);
        }
        for t in s.threads.values() {
            let _ = t.handle.clear_breakpoints(&t.handle.breakpoints());
        }
        s.breakpoints.clear();
        s.watches.clear();
        self.shared.changed.notify_all();
    }
}
