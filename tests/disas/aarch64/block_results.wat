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
;;    28: b.lo 0x80
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: str w19, [x29, #0x10]
;;    38: cmp w19, #0x2
;;    3c: b.hs 0x44
;;    40: b 0x70
;;    44: sub w20, w19, #0x1
;;    48: mov x19, x20
;;    4c: bl 0x4c  ; reloc: function[0]
;;    50: ldr w20, [x29, #0x10]
;;    54: sub w20, w20, #0x2
;;    58: stur w19, [x29, #-0x10]
;;    5c: mov x19, x20
;;    60: bl 0x60  ; reloc: function[0]
;;    64: ldur w20, [x29, #-0x10]
;;    68: add w20, w20, w19
;;    6c: mov x19, x20
;;    70: add x16, x29, #0x10
;;    74: ldp x29, x30, [x29]
;;    78: mov sp, x16
;;    7c: ret
;;    80: mov w1, #0x9
;;    84: ldr x16, [x28, #0x20]
;;    88: blr x16  ; trap site: wasm 0x1f
;; function[1] $first_positive:
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
;;    34: mov x21, x19
;;    38: scvtf d0, w21
;;    3c: cmp w19, #0x0
;;    40: b.le 0x50
;;    44: str w20, [x29, #0x10]
;;    48: str w19, [x29, #0x18]
;;    4c: b 0x60
;;    50: mov x21, x20
;;    54: scvtf d0, w21
;;    58: str w20, [x29, #0x10]
;;    5c: str w19, [x29, #0x18]
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x3c
