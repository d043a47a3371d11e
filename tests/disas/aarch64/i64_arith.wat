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
;;    14: str x19, [x29, #0x18]
;;    18: str x20, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x130
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x70
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: mul x21, x19, x20
;;    40: mov x22, x19
;;    44: rbit x16, x22
;;    48: clz x22, x16
;;    4c: mov x23, #0x100000000
;;    50: sub x24, x20, x23
;;    54: lsr x22, x22, x24
;;    58: add x21, x21, x22
;;    5c: mov x19, x21
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x19
