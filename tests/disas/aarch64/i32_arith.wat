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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x70
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x10]
;;    3c: ldr w20, [x29, #0x18]
;;    40: add w20, w20, w19
;;    44: lsl w20, w20, #0x3
;;    48: ldr w21, [x29, #0x18]
;;    4c: sub w21, w21, w19
;;    50: neg w16, w19
;;    54: ror w21, w21, w16
;;    58: eor w20, w20, w21
;;    5c: str w20, [x29, #0x18]
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x1f
;; function[1] $i32_bits:
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
;;    2c: b.lo 0x80
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x10]
;;    3c: clz w19, w19
;;    40: ldr w20, [x29, #0x10]
;;    44: fmov s31, w20
;;    48: cnt v31.8b, v31.8b
;;    4c: addv b31, v31.8b
;;    50: fmov w20, s31
;;    54: and w19, w19, w20
;;    58: ldr w20, [x29, #0x10]
;;    5c: mov w17, #0xa
;;    60: mul w20, w20, w17
;;    64: asr w20, w20, #0x1
;;    68: orr w19, w19, w20
;;    6c: str w19, [x29, #0x10]
;;    70: add x16, x29, #0x10
;;    74: ldp x29, x30, [x29]
;;    78: mov sp, x16
;;    7c: ret
;;    80: mov w1, #0x9
;;    84: ldr x16, [x28, #0x20]
;;    88: blr x16  ; trap site: wasm 0x33
