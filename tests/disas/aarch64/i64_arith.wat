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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x130
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x78
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr x19, [x29, #0x10]
;;    3c: ldr x20, [x29, #0x18]
;;    40: mul x20, x20, x19
;;    44: ldr x21, [x29, #0x18]
;;    48: rbit x16, x21
;;    4c: clz x21, x16
;;    50: mov x22, #0x100000000
;;    54: mov x23, x19
;;    58: sub x23, x23, x22
;;    5c: lsr x21, x21, x23
;;    60: add x20, x20, x21
;;    64: str x20, [x29, #0x18]
;;    68: add x16, x29, #0x10
;;    6c: ldp x29, x30, [x29]
;;    70: mov sp, x16
;;    74: ret
;;    78: mov w1, #0x9
;;    7c: ldr x16, [x28, #0x20]
;;    80: blr x16  ; trap site: wasm 0x19
