;;! debug = true
;; Debug code at br_if: a forward br_if (a loop's exit test) keeps its group going along the
;; fall-through, which has no machine site; the slow path takes the branch itself, and its
;; target (the block's end, reached by a conditional branch) has a site. A br_if back to the
;; loop's header ends its group: the code after it, run once when the loop is done, keeps a
;; site of its own.
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
;;     0: ldr x27, [x28, #0x8]
;;     4: ldr x26, [x27, #0x8]
;;     8: sub sp, sp, #0x20
;;     c: add x16, sp, #0x10
;;    10: stp x29, x30, [x16]
;;    14: mov x29, x16
;;    18: stur x28, [x29, #-0x8]
;;    1c: sub sp, x29, #0x20
;;    20: b 0x3c
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: nop
;;    38: nop
;;    3c: tbnz w26, #0x0, 0xd4
;;    40: str w19, [x29, #0x18]
;;    44: str w20, [x29, #0x10]
;;    48: ldr x21, [x28, #0x48]
;;    4c: ldr x21, [x21]
;;    50: ldr x22, [x28, #0x48]
;;    54: ldr x22, [x22, #0x8]
;;    58: tbnz w26, #0x1, 0xd8
;;    5c: cmp w19, w20
;;    60: b.lo 0x6c
;;    64: str w19, [x29, #0x18]
;;    68: b 0xac
;;    6c: mov w10, w19
;;    70: add x11, x10, #0x4
;;    74: cmp x11, x22
;;    78: b.hi 0xdc
;;    7c: str w19, [x21, x10]
;;    80: add w23, w19, #0x4
;;    84: mov x19, x23
;;    88: ldr x26, [x27, #0x8]
;;    8c: cmp w23, #0x40
;;    90: b.lo 0x58
;;    94: tbnz w26, #0x2, 0xe8
;;    98: add w23, w19, #0x1
;;    9c: ldr x26, [x27, #0x8]
;;    a0: str w23, [x29, #0x18]
;;    a4: mov x19, x23
;;    a8: b 0x58
;;    ac: tbnz w26, #0x3, 0xec
;;    b0: mov x23, x19
;;    b4: mov x19, x23
;;    b8: add x16, x29, #0x10
;;    bc: ldp x29, x30, [x29]
;;    c0: mov sp, x16
;;    c4: ret
;;    c8: mov w1, #0x9
;;    cc: ldr x16, [x28, #0x20]
;;    d0: blr x16  ; trap site: wasm 0x1e
;;    d4: bl 0xf0  ; machine site 0 (resumes at 40)
;;    d8: bl 0xf0  ; machine site 1 (resumes at 5c)
;;    dc: mov w1, #0x5
;;    e0: ldr x16, [x28, #0x20]
;;    e4: blr x16  ; trap site: wasm 0x2e
;;    e8: bl 0xf0  ; machine site 2 (resumes at 98)
;;    ec: bl 0xf0  ; machine site 3 (resumes at b0)
;;    f0: ldur x16, [x27, #-0x8]
;;    f4: br x16
