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
;;    18: mov x16, #0x120
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0xb4
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x18]
;;    38: ldr w20, [x29, #0x10]
;;    3c: stur w20, [x29, #-0x10]
;;    40: mov w20, #0x2
;;    44: stur w20, [x29, #-0x18]
;;    48: mov w11, w19
;;    4c: ldr x9, [x28, #0x48]
;;    50: ldr x10, [x9, #0x8]
;;    54: cmp x11, x10
;;    58: b.hs 0xc0
;;    5c: ldr x9, [x9]
;;    60: ldr x9, [x9, x11, lsl #3]
;;    64: cbz x9, 0xcc
;;    68: ldr w10, [x28, #0x40]
;;    6c: ldr x12, [x9, #0x10]
;;    70: cmp x12, x10
;;    74: b.ne 0xd8
;;    78: sub sp, x29, #0x18
;;    7c: ldr x16, [x9]
;;    80: ldr x28, [x9, #0x8]
;;    84: blr x16
;;    88: ldur x28, [x29, #-0x8]
;;    8c: mov x16, #0x20
;;    90: movk x16, #0x0, lsl #16
;;    94: sub x16, x29, x16
;;    98: and sp, x16, #0xfffffffffffffff0
;;    9c: ldur w19, [x29, #-0x10]
;;    a0: str w19, [x29, #0x18]
;;    a4: add x16, x29, #0x10
;;    a8: ldp x29, x30, [x29]
;;    ac: mov sp, x16
;;    b0: ret
;;    b4: mov w1, #0x9
;;    b8: ldr x16, [x28, #0x20]
;;    bc: blr x16  ; trap site: wasm 0x1f
;;    c0: mov w1, #0xc
;;    c4: ldr x16, [x28, #0x20]
;;    c8: blr x16  ; trap site: wasm 0x26
;;    cc: mov w1, #0x8
;;    d0: ldr x16, [x28, #0x20]
;;    d4: blr x16  ; trap site: wasm 0x26
;;    d8: mov w1, #0x7
;;    dc: ldr x16, [x28, #0x20]
;;    e0: blr x16  ; trap site: wasm 0x26
