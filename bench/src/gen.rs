//! A large, deterministic generated module of realistic shape: thousands of functions with
//! parameters and locals of several types, nested blocks, ifs, bounded loops, `br_table`,
//! loads and stores, globals, direct calls and calls through the table.
//!
//! Function 0 (`leaf`, `(i32) -> i32`) calls nothing and terminates (every loop counts down
//! from a small constant); so does the last function, `sum` (the stepping loop of the
//! debugging tests). The others are compiled, never run.

/// A value type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum V {
    I32,
    I64,
    F64,
}

impl V {
    fn byte(self) -> u8 {
        match self {
            V::I32 => 0x7f,
            V::I64 => 0x7e,
            V::F64 => 0x7c,
        }
    }
}

use V::{F64, I32, I64};

/// The function types.
const TYPES: &[(&[V], &[V])] = &[
    (&[I32], &[I32]),
    (&[I32, I32], &[I32]),
    (&[I64, I32], &[I64]),
    (&[F64, F64], &[F64]),
    (&[I32, I64, F64], &[]),
    (&[], &[I32]),
    (&[I32, I32, I32, I32], &[I32]),
];

/// Functions below this index call nothing (so that `leaf` terminates).
const LEAVES: usize = 16;

/// A generated module.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The module's bytes.
    pub wasm: Vec<u8>,
    /// Bytes of the code section's payload.
    pub code_section_bytes: usize,
    /// Defined functions (generated ones plus `sum`).
    pub functions: usize,
    /// Index of `leaf`.
    pub leaf: u32,
    /// Index of `sum`.
    pub sum: u32,
}

/// xorshift64*: deterministic and good enough for shapes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `percent`%.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn uleb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn sleb(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        let done = (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0);
        if done {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn section(out: &mut Vec<u8>, id: u8, payload: &[u8]) {
    out.push(id);
    uleb(out, payload.len() as u64);
    out.extend_from_slice(payload);
}

fn name(out: &mut Vec<u8>, s: &str) {
    uleb(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// One function being generated.
struct Func<'a> {
    rng: &'a mut Rng,
    code: Vec<u8>,
    /// Parameters then locals.
    locals: Vec<V>,
    /// The i32 locals reserved as loop counters (one per loop nesting level).
    counters: Vec<u32>,
    /// The first counter's index: locals at and after it are counters.
    first_counter: u32,
    index: usize,
    /// Every function's type index.
    types: &'a [usize],
    result: Option<V>,
    loops: usize,
    nest: usize,
}

impl Func<'_> {
    fn op(&mut self, b: u8) {
        self.code.push(b);
    }
    fn local_of(&mut self, ty: V) -> Option<u32> {
        let candidates: Vec<u32> = (0..self.first_counter)
            .filter(|&i| self.locals[i as usize] == ty)
            .collect();
        (!candidates.is_empty()).then(|| candidates[self.rng.below(candidates.len())])
    }
    /// An in-bounds address: (expr & 0xfff8).
    fn addr(&mut self, depth: usize) {
        self.expr(I32, depth.saturating_sub(1));
        self.op(0x41);
        sleb(&mut self.code, 0xfff8);
        self.op(0x71);
    }
    fn memarg(&mut self, align: u64) {
        uleb(&mut self.code, align);
        let offset = (self.rng.below(128) * 8) as u64;
        uleb(&mut self.code, offset);
    }
    /// Calls a lower function whose result is `ty` (or any, when `ty` is none); false if none
    /// may be called.
    fn call(&mut self, ty: Option<V>) -> bool {
        if self.index < LEAVES || self.nest > 3 {
            return false;
        }
        // A recent function, as real code calls nearby helpers more often than not.
        for _ in 0..8 {
            let back = 1 + self.rng.below(self.index.min(64));
            let target = if self.rng.chance(80) {
                self.index - back
            } else {
                self.rng.below(self.index)
            };
            let (params, results) = TYPES[self.types[target]];
            let fits = match ty {
                Some(t) => results == [t],
                None => true,
            };
            if !fits {
                continue;
            }
            self.nest += 1;
            for &p in params {
                self.expr(p, 1);
            }
            self.nest -= 1;
            self.op(0x10);
            uleb(&mut self.code, target as u64);
            if ty.is_none() {
                self.drop_results(results);
            }
            return true;
        }
        false
    }
    fn drop_results(&mut self, results: &[V]) {
        for &r in results.iter().rev() {
            match self.local_of(r) {
                Some(l) if self.rng.chance(70) => {
                    self.op(0x21);
                    uleb(&mut self.code, l as u64);
                }
                _ => self.op(0x1a),
            }
        }
    }
    fn leaf(&mut self, ty: V) {
        let pick = self.rng.below(10);
        if pick < 6 {
            if let Some(l) = self.local_of(ty) {
                self.op(0x20);
                uleb(&mut self.code, l as u64);
                return;
            }
        }
        match (ty, pick) {
            (I32, 6) => {
                self.op(0x23);
                uleb(&mut self.code, 0);
            }
            (I64, 6) => {
                self.op(0x23);
                uleb(&mut self.code, 1);
            }
            (I32, _) => {
                self.op(0x41);
                let v = if self.rng.chance(80) {
                    self.rng.below(256) as i64
                } else {
                    self.rng.next() as i32 as i64
                };
                sleb(&mut self.code, v);
            }
            (I64, _) => {
                self.op(0x42);
                let v = if self.rng.chance(70) {
                    self.rng.below(1000) as i64
                } else {
                    self.rng.next() as i64
                };
                sleb(&mut self.code, v);
            }
            (F64, _) => {
                self.op(0x44);
                let v = self.rng.below(10_000) as f64 / 16.0;
                self.code.extend_from_slice(&v.to_le_bytes());
            }
        }
    }
    /// Pushes one value of type `ty`.
    fn expr(&mut self, ty: V, depth: usize) {
        if depth == 0 || self.rng.chance(25) {
            return self.leaf(ty);
        }
        let d = depth - 1;
        let pick = self.rng.below(100);
        match ty {
            I32 => match pick {
                0..=39 => {
                    self.expr(I32, d);
                    self.expr(I32, d);
                    const OPS: [u8; 10] =
                        [0x6a, 0x6b, 0x6c, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77];
                    let op = OPS[self.rng.below(OPS.len())];
                    self.op(op);
                }
                40..=54 => {
                    self.expr(I32, d);
                    self.expr(I32, d);
                    const OPS: [u8; 7] = [0x46, 0x47, 0x48, 0x49, 0x4a, 0x4c, 0x4f];
                    let op = OPS[self.rng.below(OPS.len())];
                    self.op(op);
                }
                55..=59 => {
                    self.expr(I64, d);
                    self.expr(I64, d);
                    let op = [0x51, 0x53, 0x56][self.rng.below(3)];
                    self.op(op);
                }
                60..=63 => {
                    self.expr(F64, d);
                    self.expr(F64, d);
                    let op = [0x61, 0x63, 0x64][self.rng.below(3)];
                    self.op(op);
                }
                64..=69 => {
                    self.expr(I32, d);
                    let op = [0x45, 0x67, 0x68, 0x69][self.rng.below(4)];
                    self.op(op);
                }
                70..=73 => {
                    self.expr(I64, d);
                    self.op(0xa7);
                }
                74..=75 => {
                    self.expr(F64, d);
                    self.op(0xfc);
                    uleb(&mut self.code, 2); // i32.trunc_sat_f64_s
                }
                76..=79 => {
                    self.expr(I32, d);
                    self.expr(I32, d);
                    self.expr(I32, d);
                    self.op(0x1b);
                }
                80..=91 => {
                    self.addr(depth);
                    if self.rng.chance(70) {
                        self.op(0x28);
                        self.memarg(2);
                    } else {
                        self.op(0x2d);
                        self.memarg(0);
                    }
                }
                _ => {
                    if !self.call(Some(I32)) {
                        self.leaf(I32);
                    }
                }
            },
            I64 => match pick {
                0..=49 => {
                    self.expr(I64, d);
                    self.expr(I64, d);
                    const OPS: [u8; 9] = [0x7c, 0x7d, 0x7e, 0x83, 0x84, 0x85, 0x86, 0x88, 0x89];
                    let op = OPS[self.rng.below(OPS.len())];
                    self.op(op);
                }
                50..=69 => {
                    self.expr(I32, d);
                    let op = [0xac, 0xad][self.rng.below(2)];
                    self.op(op);
                }
                70..=89 => {
                    self.addr(depth);
                    self.op(0x29);
                    self.memarg(3);
                }
                _ => {
                    if !self.call(Some(I64)) {
                        self.leaf(I64);
                    }
                }
            },
            F64 => match pick {
                0..=44 => {
                    self.expr(F64, d);
                    self.expr(F64, d);
                    const OPS: [u8; 6] = [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5];
                    let op = OPS[self.rng.below(OPS.len())];
                    self.op(op);
                }
                45..=54 => {
                    self.expr(F64, d);
                    let op = [0x9f, 0x99, 0x9a][self.rng.below(3)];
                    self.op(op);
                }
                55..=69 => {
                    self.expr(I32, d);
                    self.op(0xb7);
                }
                70..=74 => {
                    self.expr(I64, d);
                    self.op(0xb9);
                }
                75..=92 => {
                    self.addr(depth);
                    self.op(0x2b);
                    self.memarg(3);
                }
                _ => {
                    if !self.call(Some(F64)) {
                        self.leaf(F64);
                    }
                }
            },
        }
    }
    fn stmts(&mut self, n: usize) {
        for _ in 0..n {
            self.stmt();
        }
    }
    fn depth(&mut self) -> usize {
        self.rng.range(1, 4)
    }
    /// One statement: leaves the operand stack as it found it.
    fn stmt(&mut self) {
        let nested = self.nest < 4;
        let pick = self.rng.below(100);
        match pick {
            0..=11 if nested => {
                let d = self.depth();
                self.expr(I32, d);
                self.op(0x04);
                self.op(0x40);
                self.nest += 1;
                let n = self.rng.range(1, 4);
                self.stmts(n);
                if self.rng.chance(40) {
                    self.op(0x05);
                    let n = self.rng.range(1, 3);
                    self.stmts(n);
                }
                self.nest -= 1;
                self.op(0x0b);
            }
            12..=17 if nested => {
                self.op(0x02);
                self.op(0x40);
                self.nest += 1;
                let n = self.rng.range(1, 3);
                self.stmts(n);
                let d = self.depth();
                self.expr(I32, d);
                self.op(0x0d);
                uleb(&mut self.code, 0);
                let n = self.rng.range(1, 3);
                self.stmts(n);
                self.nest -= 1;
                self.op(0x0b);
            }
            18..=25 if nested && self.loops < self.counters.len() => {
                let c = self.counters[self.loops];
                self.op(0x41);
                sleb(&mut self.code, self.rng.range(2, 6) as i64);
                self.op(0x21);
                uleb(&mut self.code, c as u64);
                self.op(0x03);
                self.op(0x40);
                self.nest += 1;
                self.loops += 1;
                let n = self.rng.range(1, 5);
                self.stmts(n);
                self.loops -= 1;
                self.nest -= 1;
                // c = c - 1; br_if 0 (c)
                self.op(0x20);
                uleb(&mut self.code, c as u64);
                self.op(0x41);
                sleb(&mut self.code, 1);
                self.op(0x6b);
                self.op(0x22);
                uleb(&mut self.code, c as u64);
                self.op(0x0d);
                uleb(&mut self.code, 0);
                self.op(0x0b);
            }
            26..=28 if nested => {
                // A switch: block block block (br_table 0 1 2) ... end ... end ... end.
                self.op(0x02);
                self.op(0x40);
                self.op(0x02);
                self.op(0x40);
                self.op(0x02);
                self.op(0x40);
                self.nest += 3;
                let d = self.depth();
                self.expr(I32, d);
                self.op(0x0e);
                uleb(&mut self.code, 2);
                uleb(&mut self.code, 0);
                uleb(&mut self.code, 1);
                uleb(&mut self.code, 2);
                self.op(0x0b);
                let n = self.rng.range(1, 2);
                self.stmts(n);
                self.op(0x0b);
                let n = self.rng.range(1, 2);
                self.stmts(n);
                self.nest -= 3;
                self.op(0x0b);
            }
            29..=31 => {
                // if (cond) return ...
                let d = self.depth();
                self.expr(I32, d);
                self.op(0x04);
                self.op(0x40);
                if let Some(r) = self.result {
                    let d = self.depth();
                    self.expr(r, d);
                }
                self.op(0x0f);
                self.op(0x0b);
            }
            32..=41 => {
                if !self.call(None) {
                    self.set_local();
                }
            }
            42..=44 if self.index >= LEAVES => {
                let t = self.rng.below(TYPES.len());
                let (params, results) = TYPES[t];
                for &p in params {
                    self.expr(p, 1);
                }
                self.op(0x41);
                sleb(&mut self.code, self.rng.below(self.types.len()) as i64);
                self.op(0x11);
                uleb(&mut self.code, t as u64);
                uleb(&mut self.code, 0);
                self.drop_results(results);
            }
            45..=56 => {
                let d = self.depth();
                self.addr(d);
                let ty = [I32, I32, I64, F64][self.rng.below(4)];
                self.expr(ty, d);
                match ty {
                    I32 => {
                        self.op(0x36);
                        self.memarg(2);
                    }
                    I64 => {
                        self.op(0x37);
                        self.memarg(3);
                    }
                    F64 => {
                        self.op(0x39);
                        self.memarg(3);
                    }
                }
            }
            57..=60 => {
                let d = self.depth();
                self.expr(I32, d);
                self.op(0x24);
                uleb(&mut self.code, 0);
            }
            _ => self.set_local(),
        }
    }
    fn set_local(&mut self) {
        let l = self.rng.below(self.first_counter as usize) as u32;
        let ty = self.locals[l as usize];
        let d = self.depth();
        self.expr(ty, d);
        self.op(0x21);
        uleb(&mut self.code, l as u64);
    }
}

/// A function body (locals and code) of type `ty`.
fn body(rng: &mut Rng, index: usize, types: &[usize]) -> Vec<u8> {
    let (params, results) = TYPES[types[index]];
    let mut locals: Vec<V> = params.to_vec();
    let extra = rng.range(1, 8);
    for _ in 0..extra {
        locals.push([I32, I32, I32, I64, F64][rng.below(5)]);
    }
    let first_counter = locals.len() as u32;
    let counters: Vec<u32> = (0..3).map(|i| first_counter + i).collect();
    locals.extend([I32; 3]);
    // Sizes vary as in real modules: mostly small functions, some large ones.
    let n = match rng.below(100) {
        0..=59 => rng.range(2, 10),
        60..=89 => rng.range(10, 30),
        _ => rng.range(30, 100),
    };
    let mut f = Func {
        rng,
        code: Vec::new(),
        locals,
        counters,
        first_counter,
        index,
        types,
        result: results.first().copied(),
        loops: 0,
        nest: 0,
    };
    f.stmts(n);
    if let Some(r) = f.result {
        let d = f.depth();
        f.expr(r, d);
    }
    f.op(0x0b);
    // Locals, grouped by runs of one type.
    let mut out = Vec::new();
    let decl = &f.locals[params.len()..];
    let mut groups: Vec<(u32, V)> = Vec::new();
    for &t in decl {
        match groups.last_mut() {
            Some((n, g)) if *g == t => *n += 1,
            _ => groups.push((1, t)),
        }
    }
    uleb(&mut out, groups.len() as u64);
    for (n, t) in groups {
        uleb(&mut out, n as u64);
        out.push(t.byte());
    }
    out.extend_from_slice(&f.code);
    out
}

/// `sum(n)`: the loop of the stepping test, `(param i32) (result i32) (local i32)`.
const SUM_BODY: &[u8] = &[
    0x01, 0x01, 0x7f, // one i32 local
    0x02, 0x40, 0x03, 0x40, // block loop
    0x20, 0x00, 0x45, 0x0d, 0x01, // br_if 1 (i32.eqz (local.get 0))
    0x20, 0x01, 0x20, 0x00, 0x6a, 0x21, 0x01, // acc += n
    0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x00, // n -= 1
    0x0c, 0x00, 0x0b, 0x0b, // br 0 end end
    0x20, 0x01, 0x0b, // local.get 1 end
];

/// A module of `funcs` generated functions (at least 1) plus `sum`, from `seed`.
pub fn generate(funcs: usize, seed: u64) -> Generated {
    let funcs = funcs.max(1);
    let mut rng = Rng(seed | 1);
    let mut types: Vec<usize> = (0..funcs).map(|_| rng.below(TYPES.len())).collect();
    types[0] = 0; // leaf: (i32) -> i32
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();

    let mut p = Vec::new();
    uleb(&mut p, TYPES.len() as u64);
    for (params, results) in TYPES {
        p.push(0x60);
        uleb(&mut p, params.len() as u64);
        p.extend(params.iter().map(|v| v.byte()));
        uleb(&mut p, results.len() as u64);
        p.extend(results.iter().map(|v| v.byte()));
    }
    section(&mut wasm, 1, &p);

    let mut p = Vec::new();
    uleb(&mut p, funcs as u64 + 1);
    for &t in &types {
        uleb(&mut p, t as u64);
    }
    uleb(&mut p, 0); // sum
    section(&mut wasm, 3, &p);

    let mut p = Vec::new();
    uleb(&mut p, 1);
    p.extend([0x70, 0x00]);
    uleb(&mut p, funcs as u64);
    section(&mut wasm, 4, &p);

    section(&mut wasm, 5, &[0x01, 0x00, 0x02]);

    let mut p = Vec::new();
    uleb(&mut p, 2);
    p.extend([0x7f, 0x01, 0x41, 0x00, 0x0b]);
    p.extend([0x7e, 0x01, 0x42, 0x00, 0x0b]);
    section(&mut wasm, 6, &p);

    let mut p = Vec::new();
    uleb(&mut p, 2);
    name(&mut p, "leaf");
    p.push(0x00);
    uleb(&mut p, 0);
    name(&mut p, "sum");
    p.push(0x00);
    uleb(&mut p, funcs as u64);
    section(&mut wasm, 7, &p);

    let mut p = Vec::new();
    uleb(&mut p, 1);
    p.extend([0x00, 0x41, 0x00, 0x0b]);
    uleb(&mut p, funcs as u64);
    for i in 0..funcs {
        uleb(&mut p, i as u64);
    }
    section(&mut wasm, 9, &p);

    let mut p = Vec::new();
    uleb(&mut p, funcs as u64 + 1);
    for i in 0..funcs {
        let b = body(&mut rng, i, &types);
        uleb(&mut p, b.len() as u64);
        p.extend_from_slice(&b);
    }
    uleb(&mut p, SUM_BODY.len() as u64);
    p.extend_from_slice(SUM_BODY);
    let code_section_bytes = p.len();
    section(&mut wasm, 10, &p);

    Generated {
        wasm,
        code_section_bytes,
        functions: funcs + 1,
        leaf: 0,
        sum: funcs as u32,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_modules_are_valid_and_deterministic() {
        for funcs in [1, 20, 300] {
            let g = super::generate(funcs, 7);
            wasmparser::Validator::new().validate_all(&g.wasm).unwrap();
            assert_eq!(g.wasm, super::generate(funcs, 7).wasm);
        }
    }
}
