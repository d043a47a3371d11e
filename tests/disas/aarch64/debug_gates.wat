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
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
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
;;    28: b.lo 0xa4
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr x27, [x28, #0x8]
;;    38: ldr x26, [x27, #0x28]
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
