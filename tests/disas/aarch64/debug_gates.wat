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
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x110
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0x50
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr x27, [x28, #0x8]
;;    38: ldr x26, [x27, #0x18]
;;    3c: tbnz w26, #0x0, 0x5c
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
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x120
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0xcc
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr x27, [x28, #0x8]
;;    38: ldr x26, [x27, #0x28]
;;    3c: tbnz w26, #0x0, 0xd8
;;    40: sub sp, x29, #0x8
;;    44: bl 0x44  ; reloc: function[1]
;;    48: mov x16, #0x20
;;    4c: movk x16, #0x0, lsl #16
;;    50: sub x16, x29, x16
;;    54: and sp, x16, #0xfffffffffffffff0
;;    58: ldr x26, [x27, #0x28]
;;    5c: tbnz w26, #0x1, 0xdc
;;    60: sub sp, x29, #0x8
;;    64: ldr x16, [x28, #0x48]
;;    68: ldr x28, [x28, #0x50]
;;    6c: blr x16
;;    70: ldur x28, [x29, #-0x8]
;;    74: mov x16, #0x20
;;    78: movk x16, #0x0, lsl #16
;;    7c: sub x16, x29, x16
;;    80: and sp, x16, #0xfffffffffffffff0
;;    84: ldr x27, [x28, #0x8]
;;    88: ldr x26, [x27, #0x28]
;;    8c: tbnz w26, #0x2, 0xe0
;;    90: ldr w19, [x29, #0x10]
;;    94: tbnz w26, #0x3, 0xe4
;;    98: mov x20, x19
;;    9c: sub w20, w20, #0x1
;;    a0: str w20, [x29, #0x10]
;;    a4: mov x19, x20
;;    a8: cbz w19, 0xb8
;;    ac: ldr x26, [x27, #0x28]
;;    b0: mov x19, x20
;;    b4: b 0x94
;;    b8: tbnz w26, #0x4, 0xe8
;;    bc: add x16, x29, #0x10
;;    c0: ldp x29, x30, [x29]
;;    c4: mov sp, x16
;;    c8: ret
;;    cc: mov w1, #0x9
;;    d0: ldr x16, [x28, #0x20]
;;    d4: blr x16  ; trap site: wasm 0x2c
;;    d8: bl 0xec  ; machine site 0 (resumes at 40)
;;    dc: bl 0xec  ; machine site 1 (resumes at 60)
;;    e0: bl 0xec  ; machine site 2 (resumes at 90)
;;    e4: bl 0xec  ; machine site 3 (resumes at 98)
;;    e8: bl 0xec  ; machine site 4 (resumes at bc)
;;    ec: ldur x16, [x27, #-0x8]
;;    f0: br x16
