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
;;    14: str w19, [x29, #0x18]
;;    18: str w20, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x68
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: add w21, w19, w20
;;    40: lsl w21, w21, #0x3
;;    44: sub w22, w19, w20
;;    48: neg w16, w20
;;    4c: ror w22, w22, w16
;;    50: eor w21, w21, w22
;;    54: mov x19, x21
;;    58: add x16, x29, #0x10
;;    5c: ldp x29, x30, [x29]
;;    60: mov sp, x16
;;    64: ret
;;    68: mov w1, #0x9
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x1f
;; function[1] $i32_bits:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: str w19, [x29, #0x10]
;;    18: ldr x9, [x28]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x7c
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: mov x20, x19
;;    3c: clz w20, w20
;;    40: mov x21, x19
;;    44: fmov s31, w21
;;    48: cnt v31.8b, v31.8b
;;    4c: addv b31, v31.8b
;;    50: fmov w21, s31
;;    54: and w20, w20, w21
;;    58: mov w17, #0xa
;;    5c: mul w21, w19, w17
;;    60: asr w21, w21, #0x1
;;    64: orr w20, w20, w21
;;    68: mov x19, x20
;;    6c: add x16, x29, #0x10
;;    70: ldp x29, x30, [x29]
;;    74: mov sp, x16
;;    78: ret
;;    7c: mov w1, #0x9
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x33
