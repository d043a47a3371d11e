;;! debug = true
;; Debug code: the gate table and the function's site bits are loaded before the prologue
;; ($leaf, a single-site function, tests the fast-entry bit: `call_indirect` may enter it past
;; the loads, testing its caller's bits); a direct call
;; reloads the bits, an imported call both; the loop's back edge reloads the bits. Every machine
;; site here tests a bit of the bits register (r13 / x26) and calls the handler out of line.
(module
  (import "env" "host" (func $host))
  (func $leaf)
  (func $run (param $n i32)
    (call $leaf)
    (call $host)
    (loop $again
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $again (local.get $n)))))
;; function[1] $leaf:
;;     0: ldr x27, [x28, #0x8]
;;     4: ldr x26, [x27, #0x18]
;;     8: sub sp, sp, #0x20
;;     c: add x16, sp, #0x10
;;    10: stp x29, x30, [x16]
;;    14: mov x29, x16
;;    18: stur x28, [x29, #-0x8]
;;    1c: sub sp, x29, #0x10
;;    20: b 0x3c
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: nop
;;    38: nop
;;    3c: tbnz w26, #0x7, 0x5c
;;    40: add x16, x29, #0x10
;;    44: ldp x29, x30, [x29]
;;    48: mov sp, x16
;;    4c: ret
;;    50: mov w1, #0x9
;;    54: ldr x16, [x28, #0x20]
;;    58: blr x16  ; trap site: wasm 0x29
;;    5c: bl 0x60  ; machine site 0 (resumes at 40)
;;    60: ldur x16, [x27, #-0x8]
;;    64: br x16
;; function[2] $run:
;;     0: ldr x27, [x28, #0x8]
;;     4: ldr x26, [x27, #0x28]
;;     8: sub sp, sp, #0x20
;;     c: add x16, sp, #0x10
;;    10: stp x29, x30, [x16]
;;    14: mov x29, x16
;;    18: stur x28, [x29, #-0x8]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0xa4
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: tbnz w26, #0x0, 0xb0
;;    40: str w19, [x29, #0x10]
;;    44: bl 0x44  ; reloc: function[1]
;;    48: ldr x26, [x27, #0x28]
;;    4c: tbnz w26, #0x1, 0xb4
;;    50: ldr x16, [x28, #0x48]
;;    54: ldr x28, [x28, #0x50]
;;    58: blr x16
;;    5c: ldur x28, [x29, #-0x8]
;;    60: ldr x27, [x28, #0x8]
;;    64: ldr x26, [x27, #0x28]
;;    68: tbnz w26, #0x2, 0xb8
;;    6c: ldr w19, [x29, #0x10]
;;    70: tbnz w26, #0x3, 0xbc
;;    74: sub w20, w19, #0x1
;;    78: mov x19, x20
;;    7c: cbz w19, 0x90
;;    80: ldr x26, [x27, #0x28]
;;    84: str w20, [x29, #0x10]
;;    88: mov x19, x20
;;    8c: b 0x70
;;    90: tbnz w26, #0x4, 0xc0
;;    94: add x16, x29, #0x10
;;    98: ldp x29, x30, [x29]
;;    9c: mov sp, x16
;;    a0: ret
;;    a4: mov w1, #0x9
;;    a8: ldr x16, [x28, #0x20]
;;    ac: blr x16  ; trap site: wasm 0x2c
;;    b0: bl 0xc4  ; machine site 0 (resumes at 40)
;;    b4: bl 0xc4  ; machine site 1 (resumes at 50)
;;    b8: bl 0xc4  ; machine site 2 (resumes at 6c)
;;    bc: bl 0xc4  ; machine site 3 (resumes at 74)
;;    c0: bl 0xc4  ; machine site 4 (resumes at 94)
;;    c4: ldur x16, [x27, #-0x8]
;;    c8: br x16
