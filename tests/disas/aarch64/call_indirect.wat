;; call_indirect: table bounds check, null and signature checks (traps), then the call.
(module
  (type $binop (func (param i32 i32) (result i32)))
  (table 4 funcref)
  (func $dispatch (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $binop) (local.get $x) (i32.const 2) (local.get $slot))))
;; function[0] $dispatch:
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
;;    28: b.lo 0x98
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: mov x21, x19
;;    38: str w19, [x29, #0x18]
;;    3c: str w20, [x29, #0x10]
;;    40: mov x19, x20
;;    44: mov w20, #0x2
;;    48: mov w11, w21
;;    4c: ldr x9, [x28, #0x48]
;;    50: ldr x10, [x9, #0x8]
;;    54: cmp x11, x10
;;    58: b.hs 0xa4
;;    5c: ldr x9, [x9]
;;    60: ldr x9, [x9, x11, lsl #3]
;;    64: cbz x9, 0xb0
;;    68: ldr w10, [x28, #0x40]
;;    6c: ldr x12, [x9, #0x10]
;;    70: cmp x12, x10
;;    74: b.ne 0xbc
;;    78: ldr x16, [x9]
;;    7c: ldr x28, [x9, #0x8]
;;    80: blr x16
;;    84: ldur x28, [x29, #-0x8]
;;    88: add x16, x29, #0x10
;;    8c: ldp x29, x30, [x29]
;;    90: mov sp, x16
;;    94: ret
;;    98: mov w1, #0x9
;;    9c: ldr x16, [x28, #0x20]
;;    a0: blr x16  ; trap site: wasm 0x1f
;;    a4: mov w1, #0xc
;;    a8: ldr x16, [x28, #0x20]
;;    ac: blr x16  ; trap site: wasm 0x26
;;    b0: mov w1, #0x8
;;    b4: ldr x16, [x28, #0x20]
;;    b8: blr x16  ; trap site: wasm 0x26
;;    bc: mov w1, #0x7
;;    c0: ldr x16, [x28, #0x20]
;;    c4: blr x16  ; trap site: wasm 0x26
