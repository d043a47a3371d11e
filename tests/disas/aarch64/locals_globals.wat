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
;;    14: sub sp, x29, #0x30
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: stur xzr, [x29, #-0x18]
;;    38: stur xzr, [x29, #-0x10]
;;    3c: ldr x20, [x28, #0x50]
;;    40: ldr w20, [x20]
;;    44: add w20, w20, w19
;;    48: mov w17, #0x3
;;    4c: mul w20, w20, w17
;;    50: ldr x21, [x28, #0x50]
;;    54: str w20, [x21]
;;    58: mov x21, x20
;;    5c: mov w21, w21
;;    60: ldr x22, [x28, #0x48]
;;    64: ldr x22, [x22]
;;    68: add x21, x21, x22
;;    6c: mov x19, x21
;;    70: add x16, x29, #0x10
;;    74: ldp x29, x30, [x29]
;;    78: mov sp, x16
;;    7c: ret
;;    80: mov w1, #0x9
;;    84: ldr x16, [x28, #0x20]
;;    88: blr x16  ; trap site: wasm 0x2f
