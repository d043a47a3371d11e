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
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x120
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0x6c
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x10]
;;    38: ldr w20, [x29, #0x18]
;;    3c: add w20, w20, w19
;;    40: lsl w20, w20, #0x3
;;    44: ldr w21, [x29, #0x18]
;;    48: sub w21, w21, w19
;;    4c: neg w16, w19
;;    50: ror w21, w21, w16
;;    54: eor w20, w20, w21
;;    58: str w20, [x29, #0x18]
;;    5c: add x16, x29, #0x10
;;    60: ldp x29, x30, [x29]
;;    64: mov sp, x16
;;    68: ret
;;    6c: mov w1, #0x9
;;    70: ldr x16, [x28, #0x20]
;;    74: blr x16  ; trap site: wasm 0x1f
;; function[1] $i32_bits:
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
;;    28: b.lo 0x7c
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x10]
;;    38: clz w19, w19
;;    3c: ldr w20, [x29, #0x10]
;;    40: fmov s31, w20
;;    44: cnt v31.8b, v31.8b
;;    48: addv b31, v31.8b
;;    4c: fmov w20, s31
;;    50: and w19, w19, w20
;;    54: ldr w20, [x29, #0x10]
;;    58: mov w17, #0xa
;;    5c: mul w20, w20, w17
;;    60: asr w20, w20, #0x1
;;    64: orr w19, w19, w20
;;    68: str w19, [x29, #0x10]
;;    6c: add x16, x29, #0x10
;;    70: ldp x29, x30, [x29]
;;    74: mov sp, x16
;;    78: ret
;;    7c: mov w1, #0x9
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x33
