//! Configuration, the engine and executable memory.

use std::sync::Arc;

use breakwater_core::codegen::CompileConfig;
use breakwater_core::compiled::LinkLayout;
use breakwater_core::runtime::{self, CodeMemory, PublishedCode};

use crate::{Error, Result};

/// The target's compiler backend.
#[cfg(target_arch = "x86_64")]
pub(crate) type NativeIsa = breakwater_x64::X64Isa;
/// The target's compiler backend.
#[cfg(target_arch = "aarch64")]
pub(crate) type NativeIsa = breakwater_aarch64::Aarch64Isa;

/// Engine options.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) debug: bool,
    pub(crate) max_wasm_stack: usize,
    pub(crate) parallel_compilation: bool,
    pub(crate) link_layout: LinkLayout,
    pub(crate) through_artifacts: bool,
    pub(crate) guard_pages: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            debug: false,
            max_wasm_stack: runtime_default_stack(),
            parallel_compilation: true,
            link_layout: LinkLayout::default(),
            through_artifacts: false,
            guard_pages: crate::guard::SUPPORTED,
        }
    }
}

fn runtime_default_stack() -> usize {
    512 * 1024
}

impl Config {
    /// The default configuration.
    pub fn new() -> Config {
        Config::default()
    }
    /// Compiles code a debugger can stop in (default off).
    pub fn debug(&mut self, enable: bool) -> &mut Self {
        self.debug = enable;
        self
    }
    /// The most stack Wasm code may use, in bytes (default 512 KiB). The thread calling into
    /// Wasm must have this much stack left, plus room for host functions.
    pub fn max_wasm_stack(&mut self, bytes: usize) -> &mut Self {
        self.max_wasm_stack = bytes;
        self
    }
    /// Test only: lays out every module with its functions 64 KiB apart and, on AArch64,
    /// direct calls assumed to reach only 32 KiB, so that every call between two functions
    /// takes the far-call path (a veneer) that otherwise only code beyond 128 MiB needs.
    #[doc(hidden)]
    pub fn far_call_test_layout(&mut self, enable: bool) -> &mut Self {
        self.link_layout = if enable {
            LinkLayout {
                spread: 64 << 10,
                aarch64_call_reach: 32 << 10,
            }
        } else {
            LinkLayout::default()
        };
        self
    }
    /// Test only: every module [`crate::Module::new`] compiles goes through an artifact, as a
    /// host without a code generator would get it: compiled ahead of time for this machine
    /// (with the stored site tables of debug code), written, read back, checked and loaded.
    #[doc(hidden)]
    pub fn through_artifacts(&mut self, enable: bool) -> &mut Self {
        self.through_artifacts = enable;
        self
    }
    /// Compiles a module's functions on several threads (default on).
    pub fn parallel_compilation(&mut self, enable: bool) -> &mut Self {
        self.parallel_compilation = enable;
        self
    }
    /// Whether memory accesses rely on guard pages instead of bounds checks (default: yes on
    /// Linux, x86-64 and AArch64). Each memory then reserves 6 GiB of address space (4 GiB
    /// and a 2 GiB guard, see [`breakwater_core::runtime::GUARDED_RESERVATION`]), and a
    /// process-wide SIGSEGV handler turns an access into the guard into an out-of-bounds
    /// trap, passing other faults to the handler installed before it. Without guard pages,
    /// every access is checked in the code (larger, slower code; memories on the heap).
    /// Ignored where unsupported.
    pub fn guard_pages(&mut self, enable: bool) -> &mut Self {
        self.guard_pages = enable;
        self
    }
}

/// The size of a transparent huge page (x86-64, and AArch64 with 4 KiB pages).
const HUGE_PAGE: usize = 2 << 20;

/// Executable memory from anonymous mappings: written once, then read+execute forever.
#[derive(Debug, Default)]
pub(crate) struct MmapCodeMemory;

impl CodeMemory for MmapCodeMemory {
    fn publish(&self, code: &[u8]) -> breakwater_core::Result<PublishedCode> {
        self.publish_with(code.len(), &mut |out| {
            out.copy_from_slice(code);
            Ok(())
        })
    }

    fn publish_with(
        &self,
        len: usize,
        write: &mut dyn FnMut(&mut [u8]) -> breakwater_core::Result<()>,
    ) -> breakwater_core::Result<PublishedCode> {
        let fail = |e: std::io::Error| {
            breakwater_core::Error::resource(format!("cannot map executable memory: {e}"))
        };
        // Large code goes in transparent huge pages where the kernel gives them: writing it
        // then takes a page fault per 2 MiB instead of per 4 KiB (the writers fault in parallel,
        // see `compile::finish`), and running it fewer TLB misses. A length that is a multiple
        // of the huge page size has the kernel align the mapping to one.
        let huge = cfg!(target_os = "linux") && len >= HUGE_PAGE;
        let map_len = if huge {
            len.next_multiple_of(HUGE_PAGE)
        } else {
            // A mapping cannot be empty: an empty module still gets a page.
            len.max(1)
        };
        let mut map = memmap2::MmapMut::map_anon(map_len).map_err(fail)?;
        #[cfg(target_os = "linux")]
        if huge {
            // Advice only: where it is refused the code gets ordinary pages.
            map.advise(memmap2::Advice::HugePage).ok();
        }
        write(&mut map[..len])?;
        #[cfg(target_arch = "aarch64")]
        synchronize_icache(&map[..len]);
        let exec = map.make_exec().map_err(fail)?;
        crate::icache::sync_all_cores();
        let base = exec.as_ptr();
        let code = RegisteredCode::new(exec);
        // SAFETY: `exec` maps the code read+execute and is never made writable again; it is
        // kept alive by the `PublishedCode`.
        Ok(unsafe { PublishedCode::new(base, len, Box::new(code)) })
    }
}

/// Published code, known to the fault handler (see `crate::guard`) while it is mapped.
struct RegisteredCode(memmap2::Mmap);

impl RegisteredCode {
    fn new(map: memmap2::Mmap) -> RegisteredCode {
        crate::guard::register_code(map.as_ptr() as usize, map.len());
        RegisteredCode(map)
    }
}

impl Drop for RegisteredCode {
    fn drop(&mut self) {
        crate::guard::unregister_code(self.0.as_ptr() as usize);
    }
}

/// Makes freshly written code visible to instruction fetch (AArch64's instruction cache is not
/// coherent with data writes).
///
/// This is the sequence the Arm Architecture Reference Manual (DDI 0487) gives for new or
/// modified instructions ("Concurrent modification and execution of instructions", and the
/// barrier litmus test "Ensuring the visibility of updates to instructions"), run over every
/// cache line of the range, line sizes from CTR_EL0:
///
/// ```text
///   dc cvau, x   ; clean each data cache line to the point of unification
///   dsb ish      ; wait for the cleaning, inner shareable domain
///   ic ivau, x   ; invalidate each instruction cache line (broadcast to all cores)
///   dsb ish      ; wait for the invalidation
///   isb          ; discard instructions this core already fetched
/// ```
///
/// `dynasmrt::cache_control::synchronize_icache` does the first four steps and
/// `prepare_for_execution` the `isb`. It runs while the mapping is still writable, before
/// `make_exec`, so no core can execute the range before it is clean. The `isb` resynchronizes
/// the publishing core only; the architecture also asks for a context synchronization event
/// on every other core that will execute the code, which `icache::sync_all_cores` provides
/// once the code is executable (membarrier, else the stubs' `isb` on every way into Wasm).
#[cfg(target_arch = "aarch64")]
fn synchronize_icache(code: &[u8]) {
    dynasmrt::cache_control::synchronize_icache(code);
    dynasmrt::cache_control::prepare_for_execution(code);
}

pub(crate) struct EngineInner {
    pub(crate) core: runtime::Engine,
    pub(crate) isa: NativeIsa,
    pub(crate) config: Config,
    pub(crate) compile: CompileConfig,
    pub(crate) code_memory: MmapCodeMemory,
}

/// Compiles modules and makes stores. Cheap to clone, shareable across threads.
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<EngineInner>,
}

impl Engine {
    /// An engine with `config`.
    pub fn new(config: &Config) -> Result<Engine> {
        check_cpu()?;
        let isa = NativeIsa::default();
        let code_memory = MmapCodeMemory;
        let mut core = runtime::Engine::new(&isa, &code_memory)
            .map_err(Error::from)?
            .with_link_layout(config.link_layout);
        let guard_pages = config.guard_pages && crate::guard::SUPPORTED && guarded(&mut core);
        Ok(Engine {
            inner: Arc::new(EngineInner {
                core,
                isa,
                config: config.clone(),
                compile: CompileConfig {
                    debug: config.debug,
                    record_sites: false,
                    guard_pages,
                },
                code_memory,
            }),
        })
    }
    /// Whether `self` and `other` are the same engine.
    pub fn same(&self, other: &Engine) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }
}

/// Gives `core` guarded memories, with the fault handler installed; false if the handler
/// cannot be installed.
#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
fn guarded(core: &mut runtime::Engine) -> bool {
    if !crate::guard::install() {
        return false;
    }
    *core = core
        .clone()
        .with_virtual_memory(Arc::new(crate::guard::MmapVirtualMemory));
    true
}

#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
fn guarded(_core: &mut runtime::Engine) -> bool {
    false
}

impl Default for Engine {
    /// An engine with the default configuration.
    ///
    /// # Panics
    /// If the runtime stubs cannot be mapped executable (use [`Engine::new`] to get the error).
    fn default() -> Engine {
        Engine::new(&Config::default()).expect("cannot create the default engine")
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("config", &self.inner.config)
            .finish()
    }
}

/// The x86-64 backend emits SSE4.1 rounding, POPCNT, LZCNT, TZCNT (BMI1) and RORX (BMI2)
/// without run-time fallbacks: refuse to run on a CPU without them rather than compute wrong
/// results or fault (see [`breakwater_core::artifact::X86_FEATURES`]).
#[cfg(target_arch = "x86_64")]
fn check_cpu() -> Result<()> {
    match breakwater_core::artifact::x86_cpu_error(detected_x86_features()) {
        None => Ok(()),
        Some(e) => Err(Error::Resource(e)),
    }
}

/// Which of [`breakwater_core::artifact::X86_FEATURES`] this CPU has, as std detects them.
#[cfg(target_arch = "x86_64")]
fn detected_x86_features() -> [bool; breakwater_core::artifact::X86_FEATURES.len()] {
    [
        std::is_x86_feature_detected!("sse4.1"),
        std::is_x86_feature_detected!("popcnt"),
        std::is_x86_feature_detected!("lzcnt"),
        std::is_x86_feature_detected!("bmi1"),
        std::is_x86_feature_detected!("bmi2"),
    ]
}

#[cfg(not(target_arch = "x86_64"))]
fn check_cpu() -> Result<()> {
    Ok(())
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    /// The JIT's check (std's detection) and the artifact loader's (CPUID, also the
    /// freestanding host's) see the same features on this machine.
    #[test]
    fn cpu_checks_agree() {
        assert_eq!(
            super::detected_x86_features(),
            breakwater_core::artifact::x86_host_features()
        );
        assert!(
            super::check_cpu().is_ok(),
            "the tests need a CPU that runs the code"
        );
    }
}
