;; i32 arithmetic, bitwise operators and shifts; a constant operand becomes an immediate.
(module
  (func $i32_arith (param $a i32) (param $b i32) (result i32)
    (i32.xor
      (i32.shl (i32.add (local.get $a) (local.get $b)) (i32.const 3))
      (i32.rotl (i32.sub (local.get $a) (local.get $b)) (local.get $b))))
  (func $i32_bits (param $a i32) (result i32)
    (i32.or
      (i32.and (i32.clz (local.get $a)) (i32.popcnt (local.get $a)))
      (i32.shr_s (i32.mul (local.get $a) (i32.const 10)) (i32.const 1)))))
;; function[0] $i32_arith:
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
;;    34: add w21, w19, w20
;;    38: lsl w21, w21, #0x3
;;    3c: sub w19, w19, w20
;;    40: neg w16, w20
;;    44: ror w19, w19, w16
;;    48: eor w21, w21, w19
;;    4c: mov x19, x21
;;    50: add x16, x29, #0x10
;;    54: ldp x29, x30, [x29]
;;    58: mov sp, x16
;;    5c: ret
;;    60: mov w1, #0x9
;;    64: ldr x16, [x28, #0x20]
;;    68: blr x16  ; trap site: wasm 0x1f
;; function[1] $i32_bits:
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
;;    34: mov x20, x19
;;    38: clz w20, w20
;;    3c: mov x21, x19
;;    40: fmov s31, w21
;;    44: cnt v31.8b, v31.8b
;;    48: addv b31, v31.8b
;;    4c: fmov w21, s31
;;    50: and w20, w20, w21
;;    54: mov w17, #0xa
;;    58: mul w19, w19, w17
;;    5c: asr w19, w19, #0x1
;;    60: orr w20, w20, w19
;;    64: mov x19, x20
;;    68: add x16, x29, #0x10
;;    6c: ldp x29, x30, [x29]
;;    70: mov sp, x16
;;    74: ret
;;    78: mov w1, #0x9
;;    7c: ldr x16, [x28, #0x20]
;;    80: blr x16  ; trap site: wasm 0x33
