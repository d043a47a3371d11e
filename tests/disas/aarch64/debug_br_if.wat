;;! debug = true
;; Debug code at br_if: the code after a forward br_if (a loop's exit test here, but as often
;; the skip over rare code, `if (rare)` lowered to block/br_if) and after a br_if back to the
;; loop's header has a machine site of its own, so that a breakpoint there costs nothing while
;; the code does not run; the slow path takes the branch itself. The forward br_if's target
;; (the block's end, reached by a conditional branch) has a site too.
(module
  (memory 1)
  (func $f (param $p i32) (param $n i32) (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $n)))
        (i32.store (local.get $p) (local.get $p))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (i32.lt_u (local.get $p) (i32.const 64)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l)))
    (local.get $p)))
;; function[0] $f:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x20
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: ldr x27, [x28, #0x8]
;;    38: ldr x26, [x27, #0x8]
;;    3c: tbnz w26, #0x0, 0xd8
;;    40: str w19, [x29, #0x18]
;;    44: str w20, [x29, #0x10]
;;    48: ldr x21, [x28, #0x48]
;;    4c: ldr x21, [x21]
;;    50: ldr x22, [x28, #0x48]
;;    54: ldr x22, [x22, #0x8]
;;    58: tbnz w26, #0x1, 0xdc
;;    5c: cmp w19, w20
;;    60: b.lo 0x6c
;;    64: str w19, [x29, #0x18]
;;    68: b 0xb0
;;    6c: tbnz w26, #0x2, 0xe0
;;    70: mov w10, w19
;;    74: add x11, x10, #0x4
;;    78: cmp x11, x22
;;    7c: b.hi 0xe4
;;    80: str w19, [x21, x10]
;;    84: add w23, w19, #0x4
;;    88: mov x19, x23
;;    8c: ldr x26, [x27, #0x8]
;;    90: cmp w23, #0x40
;;    94: b.lo 0x58
;;    98: tbnz w26, #0x3, 0xf0
;;    9c: add w23, w19, #0x1
;;    a0: ldr x26, [x27, #0x8]
;;    a4: str w23, [x29, #0x18]
;;    a8: mov x19, x23
;;    ac: b 0x58
;;    b0: tbnz w26, #0x4, 0xf4
;;    b4: mov x23, x19
;;    b8: mov x19, x23
;;    bc: add x16, x29, #0x10
;;    c0: ldp x29, x30, [x29]
;;    c4: mov sp, x16
;;    c8: ret
;;    cc: mov w1, #0x9
;;    d0: ldr x16, [x28, #0x20]
;;    d4: blr x16  ; trap site: wasm 0x1e
;;    d8: bl 0xf8  ; machine site 0 (resumes at 40)
;;    dc: bl 0xf8  ; machine site 1 (resumes at 5c)
;;    e0: bl 0xf8  ; machine site 2 (resumes at 70)
;;    e4: mov w1, #0x5
;;    e8: ldr x16, [x28, #0x20]
;;    ec: blr x16  ; trap site: wasm 0x2e
;;    f0: bl 0xf8  ; machine site 3 (resumes at 9c)
;;    f4: bl 0xf8  ; machine site 4 (resumes at b4)
;;    f8: ldur x16, [x27, #-0x8]
;;    fc: br x16
