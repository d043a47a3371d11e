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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0xb8
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x18]
;;    3c: ldr w20, [x29, #0x10]
;;    40: stur w20, [x29, #-0x10]
;;    44: mov w20, #0x2
;;    48: stur w20, [x29, #-0x18]
;;    4c: mov w11, w19
;;    50: ldr x9, [x28, #0x48]
;;    54: ldr x10, [x9, #0x8]
;;    58: cmp x11, x10
;;    5c: b.hs 0xc4
;;    60: ldr x9, [x9]
;;    64: ldr x9, [x9, x11, lsl #3]
;;    68: cbz x9, 0xd0
;;    6c: ldr w10, [x28, #0x40]
;;    70: ldr x12, [x9, #0x10]
;;    74: cmp x12, x10
;;    78: b.ne 0xdc
;;    7c: sub sp, x29, #0x18
;;    80: ldr x16, [x9]
;;    84: ldr x28, [x9, #0x8]
;;    88: blr x16
;;    8c: ldur x28, [x29, #-0x8]
;;    90: mov x16, #0x20
;;    94: movk x16, #0x0, lsl #16
;;    98: sub x16, x29, x16
;;    9c: and sp, x16, #0xfffffffffffffff0
;;    a0: ldur w19, [x29, #-0x10]
;;    a4: str w19, [x29, #0x18]
;;    a8: add x16, x29, #0x10
;;    ac: ldp x29, x30, [x29]
;;    b0: mov sp, x16
;;    b4: ret
;;    b8: mov w1, #0x9
;;    bc: ldr x16, [x28, #0x20]
;;    c0: blr x16  ; trap site: wasm 0x1f
;;    c4: mov w1, #0xc
;;    c8: ldr x16, [x28, #0x20]
;;    cc: blr x16  ; trap site: wasm 0x26
;;    d0: mov w1, #0x8
;;    d4: ldr x16, [x28, #0x20]
;;    d8: blr x16  ; trap site: wasm 0x26
;;    dc: mov w1, #0x7
;;    e0: ldr x16, [x28, #0x20]
;;    e4: blr x16  ; trap site: wasm 0x26
