;; Rotates by a constant whose operand stays live: a three-operand form (x64: BMI2 `rorx`).
(module
  (func $rotl32 (param $a i32) (result i32)
    (i32.xor (i32.rotl (local.get $a) (i32.const 7)) (local.get $a)))
  (func $rotr64 (param $a i64) (result i64)
    (i64.xor (i64.rotr (local.get $a) (i64.const 13)) (local.get $a))))
;; function[0] $rotl32:
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
;;    34: ror w20, w19, #0x19
;;    38: eor w20, w20, w19
;;    3c: mov x19, x20
;;    40: add x16, x29, #0x10
;;    44: ldp x29, x30, [x29]
;;    48: mov sp, x16
;;    4c: ret
;;    50: mov w1, #0x9
;;    54: ldr x16, [x28, #0x20]
;;    58: blr x16  ; trap site: wasm 0x1e
;; function[1] $rotr64:
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
;;    34: ror x20, x19, #0xd
;;    38: eor x20, x20, x19
;;    3c: mov x19, x20
;;    40: add x16, x29, #0x10
;;    44: ldp x29, x30, [x29]
;;    48: mov sp, x16
;;    4c: ret
;;    50: mov w1, #0x9
;;    54: ldr x16, [x28, #0x20]
;;    58: blr x16  ; trap site: wasm 0x29
