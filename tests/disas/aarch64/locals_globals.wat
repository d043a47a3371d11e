;; Declared locals (zeroed in the prologue), local.tee, a defined and an imported global.
(module
  (import "env" "base" (global $base i64))
  (global $counter (mut i32) (i32.const 0))
  (func $bump (param $n i32) (result i64)
    (local $t i32) (local $wide i64)
    (local.set $t (i32.add (global.get $counter) (local.get $n)))
    (global.set $counter (local.tee $t (i32.mul (local.get $t) (i32.const 3))))
    (local.set $wide (i64.extend_i32_u (local.get $t)))
    (i64.add (local.get $wide) (global.get $base))))
;; function[0] $bump:
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
;;    34: stur xzr, [x29, #-0x18]
;;    38: stur xzr, [x29, #-0x10]
;;    3c: ldr x19, [x28, #0x50]
;;    40: ldr w19, [x19]
;;    44: ldr w20, [x29, #0x10]
;;    48: add w19, w19, w20
;;    4c: stur w19, [x29, #-0x10]
;;    50: mov x21, x19
;;    54: mov w17, #0x3
;;    58: mul w21, w21, w17
;;    5c: stur w21, [x29, #-0x10]
;;    60: ldr x19, [x28, #0x50]
;;    64: str w21, [x19]
;;    68: mov x19, x21
;;    6c: mov w19, w19
;;    70: stur x19, [x29, #-0x18]
;;    74: ldr x22, [x28, #0x48]
;;    78: ldr x22, [x22]
;;    7c: mov x23, x19
;;    80: add x23, x23, x22
;;    84: str x23, [x29, #0x10]
;;    88: add x16, x29, #0x10
;;    8c: ldp x29, x30, [x29]
;;    90: mov sp, x16
;;    94: ret
;;    98: mov w1, #0x9
;;    9c: ldr x16, [x28, #0x20]
;;    a0: blr x16  ; trap site: wasm 0x2f
