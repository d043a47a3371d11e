//! The engine: runtime stubs and the canonical signature registry shared by modules and stores.

use alloc::sync::Arc;
use alloc::vec::Vec;

use hashbrown::HashMap;

use super::{CodeMemory, PublishedCode};
use crate::codegen::Isa;
use crate::compiled::LinkLayout;
use crate::types::FuncType;

/// Engine-wide canonical signature ids: equal signatures get equal ids, in any module, so that
/// `call_indirect` across modules compares ids. Ids start at 1 (0 never names a signature) and
/// are never reused.
#[derive(Default)]
pub struct TypeRegistry {
    inner: spin::Mutex<RegistryInner>,
}

#[derive(Default)]
struct RegistryInner {
    ids: HashMap<FuncType, u32>,
    types: Vec<FuncType>,
}

impl TypeRegistry {
    /// The canonical id of `ty`, registering it if new.
    pub fn register(&self, ty: &FuncType) -> u32 {
        let mut inner = self.inner.lock();
        if let Some(id) = inner.ids.get(ty) {
            return *id;
        }
        inner.types.push(ty.clone());
        let id = inner.types.len() as u32;
        inner.ids.insert(ty.clone(), id);
        id
    }
    /// The signature of canonical id `id`.
    pub fn get(&self, id: u64) -> Option<FuncType> {
        let inner = self.inner.lock();
        let index = usize::try_from(id).ok()?.checked_sub(1)?;
        inner.types.get(index).cloned()
    }
    /// The canonical id of `ty` if it was registered.
    pub fn lookup(&self, ty: &FuncType) -> Option<u32> {
        self.inner.lock().ids.get(ty).copied()
    }
}

impl core::fmt::Debug for TypeRegistry {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "TypeRegistry({} types)", self.inner.lock().types.len())
    }
}

pub(crate) struct EngineInner {
    pub(crate) _stubs: PublishedCode,
    pub(crate) entry: usize,
    pub(crate) trap: usize,
    pub(crate) host_adapter: usize,
    pub(crate) debug_handler: usize,
    /// `crate::artifact::stubs_digest` of the stubs: artifacts compiled against other stubs
    /// do not load into this engine.
    pub(crate) stubs_digest: u64,
    pub(crate) types: TypeRegistry,
}

/// What every module and store of one engine shares: the published runtime stubs and the
/// signature registry. Cheap to clone.
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<EngineInner>,
    layout: LinkLayout,
    /// Where stores of this engine reserve guarded memories, if the host can.
    virtual_memory: Option<Arc<dyn super::memory::VirtualMemory>>,
}

impl Engine {
    /// Publishes `isa`'s runtime stubs through `memory`.
    pub fn new<I: Isa + ?Sized>(isa: &I, memory: &dyn CodeMemory) -> crate::Result<Engine> {
        Engine::from_stubs(isa.runtime_stubs(), memory)
    }
    /// Publishes `stubs` (an [`Isa`]'s runtime stubs) through `memory`.
    pub fn from_stubs(
        stubs: crate::compiled::RuntimeStubs,
        memory: &dyn CodeMemory,
    ) -> crate::Result<Engine> {
        for off in [stubs.entry, stubs.trap, stubs.host_adapter] {
            if off as usize >= stubs.bytes.len() {
                return Err(crate::Error::resource("runtime stubs are missing"));
            }
        }
        let stubs_digest = crate::artifact::stubs_digest(&stubs);
        let published = memory.publish(&stubs.bytes)?;
        let base = published.base();
        Ok(Engine {
            inner: Arc::new(EngineInner {
                entry: base + stubs.entry as usize,
                trap: base + stubs.trap as usize,
                host_adapter: base + stubs.host_adapter as usize,
                debug_handler: base + stubs.debug_handler as usize,
                _stubs: published,
                stubs_digest,
                types: TypeRegistry::default(),
            }),
            layout: LinkLayout::default(),
            virtual_memory: None,
        })
    }
    /// This engine with every memory of its stores in a guarded reservation from `host`, so
    /// that it may run code compiled with [`crate::codegen::CompileConfig::guard_pages`]
    /// (the host turns faults in a reservation's guard into out-of-bounds traps).
    pub fn with_virtual_memory(mut self, host: Arc<dyn super::memory::VirtualMemory>) -> Engine {
        self.virtual_memory = Some(host);
        self
    }
    /// The host of guarded memories, if any.
    pub fn virtual_memory(&self) -> Option<&Arc<dyn super::memory::VirtualMemory>> {
        self.virtual_memory.as_ref()
    }
    /// This engine with modules laid out by `layout` from now on (tests spread functions apart
    /// to exercise far calls; see [`LinkLayout`]).
    pub fn with_link_layout(mut self, layout: LinkLayout) -> Engine {
        self.layout = layout;
        self
    }
    /// How modules of this engine are laid out.
    pub fn link_layout(&self) -> LinkLayout {
        self.layout
    }
    /// The signature registry.
    pub fn types(&self) -> &TypeRegistry {
        &self.inner.types
    }
    /// Whether `self` and `other` are the same engine.
    pub fn same(&self, other: &Engine) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
    /// The address of the debug handler (the handler word of every mask of debug code).
    pub fn debug_handler(&self) -> usize {
        self.inner.debug_handler
    }
    /// The digest of the runtime stubs (see [`crate::artifact::stubs_digest`]).
    pub fn stubs_digest(&self) -> u64 {
        self.inner.stubs_digest
    }
    /// The address of the host function adapter.
    pub fn host_adapter(&self) -> usize {
        self.inner.host_adapter
    }
}

impl core::fmt::Debug for Engine {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Engine({:#x})", self.inner.entry)
    }
}
