;; Block results in a register (the first of their class): `if`/`else` arms and a `br_if`
;; with a value bring their result there, and the code after the end reads it.
(module
  (func $fib (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $first_positive (param i32 i32) (result f64)
    (block (result f64)
      (br_if 0 (f64.convert_i32_s (local.get 0)) (i32.gt_s (local.get 0) (i32.const 0)))
      (drop)
      (f64.convert_i32_s (local.get 1)))))
;; function[0] $fib:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x130
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0x90
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x10]
;;    38: cmp w19, #0x2
;;    3c: b.hs 0x44
;;    40: b 0x7c
;;    44: mov x20, x19
;;    48: sub w20, w20, #0x1
;;    4c: str w20, [sp]
;;    50: bl 0x50  ; reloc: function[0]
;;    54: ldr w19, [sp]
;;    58: ldr w20, [x29, #0x10]
;;    5c: sub w20, w20, #0x2
;;    60: stur w19, [x29, #-0x10]
;;    64: str w20, [sp]
;;    68: bl 0x68  ; reloc: function[0]
;;    6c: ldr w19, [sp]
;;    70: ldur w20, [x29, #-0x10]
;;    74: add w20, w20, w19
;;    78: mov x19, x20
;;    7c: str w19, [x29, #0x10]
;;    80: add x16, x29, #0x10
;;    84: ldp x29, x30, [x29]
;;    88: mov sp, x16
;;    8c: ret
;;    90: mov w1, #0x9
;;    94: ldr x16, [x28, #0x20]
;;    98: blr x16  ; trap site: wasm 0x1f
;; function[1] $first_positive:
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
;;    28: b.lo 0x64
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x18]
;;    38: scvtf d0, w19
;;    3c: ldr w19, [x29, #0x18]
;;    40: cmp w19, #0x0
;;    44: b.gt 0x50
;;    48: ldr w20, [x29, #0x10]
;;    4c: scvtf d0, w20
;;    50: str d0, [x29, #0x18]
;;    54: add x16, x29, #0x10
;;    58: ldp x29, x30, [x29]
;;    5c: mov sp, x16
;;    60: ret
;;    64: mov w1, #0x9
;;    68: ldr x16, [x28, #0x20]
;;    6c: blr x16  ; trap site: wasm 0x3c
