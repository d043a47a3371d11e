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
;;    14: str w19, [x29, #0x10]
;;    18: ldr x9, [x28]
;;    1c: mov x16, #0x130
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x90
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: stur xzr, [x29, #-0x18]
;;    3c: stur xzr, [x29, #-0x10]
;;    40: ldr x20, [x28, #0x50]
;;    44: ldr w20, [x20]
;;    48: add w20, w20, w19
;;    4c: stur w20, [x29, #-0x10]
;;    50: mov w17, #0x3
;;    54: mul w21, w20, w17
;;    58: stur w21, [x29, #-0x10]
;;    5c: ldr x20, [x28, #0x50]
;;    60: str w21, [x20]
;;    64: mov x20, x21
;;    68: mov w20, w20
;;    6c: stur x20, [x29, #-0x18]
;;    70: ldr x22, [x28, #0x48]
;;    74: ldr x22, [x22]
;;    78: add x22, x20, x22
;;    7c: mov x19, x22
;;    80: add x16, x29, #0x10
;;    84: ldp x29, x30, [x29]
;;    88: mov sp, x16
;;    8c: ret
;;    90: mov w1, #0x9
;;    94: ldr x16, [x28, #0x20]
;;    98: blr x16  ; trap site: wasm 0x2f
