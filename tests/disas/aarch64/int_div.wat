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
;;    14: str w19, [x29, #0x18]
;;    18: str w20, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x6c
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: mov x21, x20
;;    40: mov x22, x19
;;    44: cbz w21, 0x78
;;    48: cmn w21, #0x1
;;    4c: ccmp w22, #0x1, #0x0, eq
;;    50: b.vs 0x84
;;    54: sdiv w22, w22, w21
;;    58: mov x19, x22
;;    5c: add x16, x29, #0x10
;;    60: ldp x29, x30, [x29]
;;    64: mov sp, x16
;;    68: ret
;;    6c: mov w1, #0x9
;;    70: ldr x16, [x28, #0x20]
;;    74: blr x16  ; trap site: wasm 0x20
;;    78: mov w1, #0x2
;;    7c: ldr x16, [x28, #0x20]
;;    80: blr x16  ; trap site: wasm 0x25
;;    84: mov w1, #0x3
;;    88: ldr x16, [x28, #0x20]
;;    8c: blr x16  ; trap site: wasm 0x25
;; function[1] $rem_u:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: str x19, [x29, #0x18]
;;    18: str x20, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x64
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: mov x21, x20
;;    40: mov x22, x19
;;    44: cbz x21, 0x70
;;    48: udiv x16, x22, x21
;;    4c: msub x22, x16, x21, x22
;;    50: mov x19, x22
;;    54: add x16, x29, #0x10
;;    58: ldp x29, x30, [x29]
;;    5c: mov sp, x16
;;    60: ret
;;    64: mov w1, #0x9
;;    68: ldr x16, [x28, #0x20]
;;    6c: blr x16  ; trap site: wasm 0x28
;;    70: mov w1, #0x2
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x2d
