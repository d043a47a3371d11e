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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x68
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x10]
;;    3c: ldr w20, [x29, #0x18]
;;    40: cbz w19, 0x74
;;    44: cmn w19, #0x1
;;    48: ccmp w20, #0x1, #0x0, eq
;;    4c: b.vs 0x80
;;    50: sdiv w20, w20, w19
;;    54: str w20, [x29, #0x18]
;;    58: add x16, x29, #0x10
;;    5c: ldp x29, x30, [x29]
;;    60: mov sp, x16
;;    64: ret
;;    68: mov w1, #0x9
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x20
;;    74: mov w1, #0x2
;;    78: ldr x16, [x28, #0x20]
;;    7c: blr x16  ; trap site: wasm 0x25
;;    80: mov w1, #0x3
;;    84: ldr x16, [x28, #0x20]
;;    88: blr x16  ; trap site: wasm 0x25
;; function[1] $rem_u:
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
;;    2c: b.lo 0x60
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr x19, [x29, #0x10]
;;    3c: ldr x20, [x29, #0x18]
;;    40: cbz x19, 0x6c
;;    44: udiv x16, x20, x19
;;    48: msub x20, x16, x19, x20
;;    4c: str x20, [x29, #0x18]
;;    50: add x16, x29, #0x10
;;    54: ldp x29, x30, [x29]
;;    58: mov sp, x16
;;    5c: ret
;;    60: mov w1, #0x9
;;    64: ldr x16, [x28, #0x20]
;;    68: blr x16  ; trap site: wasm 0x28
;;    6c: mov w1, #0x2
;;    70: ldr x16, [x28, #0x20]
;;    74: blr x16  ; trap site: wasm 0x2d
