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
;;    2c: b.lo 0xd0
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr x27, [x28, #0x8]
;;    3c: ldr x26, [x27, #0x28]
;;    40: tbnz w26, #0x0, 0xdc
;;    44: sub sp, x29, #0x8
;;    48: bl 0x48  ; reloc: function[1]
;;    4c: mov x16, #0x20
;;    50: movk x16, #0x0, lsl #16
;;    54: sub x16, x29, x16
;;    58: and sp, x16, #0xfffffffffffffff0
;;    5c: ldr x26, [x27, #0x28]
;;    60: tbnz w26, #0x1, 0xe0
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
;;    90: tbnz w26, #0x2, 0xe4
;;    94: ldr w19, [x29, #0x10]
;;    98: tbnz w26, #0x3, 0xe8
;;    9c: mov x20, x19
;;    a0: sub w20, w20, #0x1
;;    a4: str w20, [x29, #0x10]
;;    a8: mov x19, x20
;;    ac: cbz w19, 0xbc
;;    b0: ldr x26, [x27, #0x28]
;;    b4: mov x19, x20
;;    b8: b 0x98
;;    bc: tbnz w26, #0x4, 0xec
;;    c0: add x16, x29, #0x10
;;    c4: ldp x29, x30, [x29]
;;    c8: mov sp, x16
;;    cc: ret
;;    d0: mov w1, #0x9
;;    d4: ldr x16, [x28, #0x20]
;;    d8: blr x16  ; trap site: wasm 0x2c
;;    dc: bl 0xf0  ; machine site 0 (resumes at 44)
;;    e0: bl 0xf0  ; machine site 1 (resumes at 64)
;;    e4: bl 0xf0  ; machine site 2 (resumes at 94)
;;    e8: bl 0xf0  ; machine site 3 (resumes at 9c)
;;    ec: bl 0xf0  ; machine site 4 (resumes at c0)
;;    f0: ldur x16, [x27, #-0x8]
;;    f4: br x16
