;; Division and remainder: divide-by-zero and overflow checks branch to trap stubs in the tail.
(module
  (func $div_s (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $rem_u (param i64 i64) (result i64)
    (i64.rem_u (local.get 0) (local.get 1))))
;; function[0] $div_s:
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
;;    34: mov x21, x20
;;    38: mov x22, x19
;;    3c: cbz w21, 0x70
;;    40: cmn w21, #0x1
;;    44: ccmp w22, #0x1, #0x0, eq
;;    48: b.vs 0x7c
;;    4c: sdiv w22, w22, w21
;;    50: mov x19, x22
;;    54: add x16, x29, #0x10
;;    58: ldp x29, x30, [x29]
;;    5c: mov sp, x16
;;    60: ret
;;    64: mov w1, #0x9
;;    68: ldr x16, [x28, #0x20]
;;    6c: blr x16  ; trap site: wasm 0x20
;;    70: mov w1, #0x2
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x25
;;    7c: mov w1, #0x3
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x25
;; function[1] $rem_u:
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
;;    34: mov x21, x20
;;    38: mov x22, x19
;;    3c: cbz x21, 0x68
;;    40: udiv x16, x22, x21
;;    44: msub x22, x16, x21, x22
;;    48: mov x19, x22
;;    4c: add x16, x29, #0x10
;;    50: ldp x29, x30, [x29]
;;    54: mov sp, x16
;;    58: ret
;;    5c: mov w1, #0x9
;;    60: ldr x16, [x28, #0x20]
;;    64: blr x16  ; trap site: wasm 0x28
;;    68: mov w1, #0x2
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x2d
