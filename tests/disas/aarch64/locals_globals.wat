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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x130
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x9c
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: stur xzr, [x29, #-0x10]
;;    3c: stur xzr, [x29, #-0x18]
;;    40: ldr x19, [x28, #0x50]
;;    44: ldr w19, [x19]
;;    48: ldr w20, [x29, #0x10]
;;    4c: add w19, w19, w20
;;    50: stur w19, [x29, #-0x10]
;;    54: mov x21, x19
;;    58: mov w17, #0x3
;;    5c: mul w21, w21, w17
;;    60: stur w21, [x29, #-0x10]
;;    64: ldr x19, [x28, #0x50]
;;    68: str w21, [x19]
;;    6c: mov x19, x21
;;    70: mov w19, w19
;;    74: stur x19, [x29, #-0x18]
;;    78: ldr x22, [x28, #0x48]
;;    7c: ldr x22, [x22]
;;    80: mov x23, x19
;;    84: add x23, x23, x22
;;    88: str x23, [x29, #0x10]
;;    8c: add x16, x29, #0x10
;;    90: ldp x29, x30, [x29]
;;    94: mov sp, x16
;;    98: ret
;;    9c: mov w1, #0x9
;;    a0: ldr x16, [x28, #0x20]
;;    a4: blr x16  ; trap site: wasm 0x2f
