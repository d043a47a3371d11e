;; i64 arithmetic and bit counting.
(module
  (func $i64_arith (param $a i64) (param $b i64) (result i64)
    (i64.add
      (i64.mul (local.get $a) (local.get $b))
      (i64.shr_u (i64.ctz (local.get $a)) (i64.sub (local.get $b) (i64.const 0x1_0000_0000))))))
;; function[0] $i64_arith:
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
;;    34: mul x21, x19, x20
;;    38: mov x22, x19
;;    3c: rbit x16, x22
;;    40: clz x22, x16
;;    44: mov x23, #0x100000000
;;    48: sub x20, x20, x23
;;    4c: lsr x22, x22, x20
;;    50: add x21, x21, x22
;;    54: mov x19, x21
;;    58: add x16, x29, #0x10
;;    5c: ldp x29, x30, [x29]
;;    60: mov sp, x16
;;    64: ret
;;    68: mov w1, #0x9
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x19
