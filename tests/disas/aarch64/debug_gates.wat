;;! debug = true
;; Debug code: the prologue loads the gate table and the function's site bits; a direct call
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
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x110
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x54
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr x27, [x28, #0x8]
;;    3c: ldr x26, [x27, #0x18]
;;    40: tbnz w26, #0x0, 0x60
;;    44: add x16, x29, #0x10
;;    48: ldp x29, x30, [x29]
;;    4c: mov sp, x16
;;    50: ret
;;    54: mov w1, #0x9
;;    58: ldr x16, [x28, #0x20]
;;    5c: blr x16  ; trap site: wasm 0x29
;;    60: bl 0x64  ; machine site 0 (resumes at 44)
;;    64: ldur x16, [x27, #-0x8]
;;    68: br x16
;; function[2] $run:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0xc4
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr x27, [x28, #0x8]
;;    3c: ldr x26, [x27, #0x28]
;;    40: tbnz w26, #0x0, 0xd0
;;    44: sub sp, x29, #0x8
;;    48: bl 0x48  ; reloc: function[1]
;;    4c: mov x16, #0x20
;;    50: movk x16, #0x0, lsl #16
;;    54: sub x16, x29, x16
;;    58: and sp, x16, #0xfffffffffffffff0
;;    5c: ldr x26, [x27, #0x28]
;;    60: tbnz w26, #0x1, 0xd4
;;    64: sub sp, x29, #0x8
;;    68: ldr x16, [x28, #0x48]
;;    6c: ldr x28, [x28, #0x50]
;;    70: blr x16
;;    74: ldur x28, [x29, #-0x8]
;;    78: mov x16, #0x20
;;    7c: movk x16, #0x0, lsl #16
;;    80: sub x16, x29, x16
;;    84: and sp, x16, #0xfffffffffffffff0
;;    88: ldr x27, [x28, #0x8]
;;    8c: ldr x26, [x27, #0x28]
;;    90: tbnz w26, #0x2, 0xd8
;;    94: tbnz w26, #0x3, 0xdc
;;    98: ldr w19, [x29, #0x10]
;;    9c: sub w19, w19, #0x1
;;    a0: str w19, [x29, #0x10]
;;    a4: ldr w19, [x29, #0x10]
;;    a8: ldr x26, [x27, #0x28]
;;    ac: cbnz w19, 0x94
;;    b0: tbnz w26, #0x4, 0xe0
;;    b4: add x16, x29, #0x10
;;    b8: ldp x29, x30, [x29]
;;    bc: mov sp, x16
;;    c0: ret
;;    c4: mov w1, #0x9
;;    c8: ldr x16, [x28, #0x20]
;;    cc: blr x16  ; trap site: wasm 0x2c
;;    d0: bl 0xe4  ; machine site 0 (resumes at 44)
;;    d4: bl 0xe4  ; machine site 1 (resumes at 64)
;;    d8: bl 0xe4  ; machine site 2 (resumes at 94)
;;    dc: bl 0xe4  ; machine site 3 (resumes at 98)
;;    e0: bl 0xe4  ; machine site 4 (resumes at b4)
;;    e4: ldur x16, [x27, #-0x8]
;;    e8: br x16
