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
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x130
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0x74
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr x19, [x29, #0x10]
;;    38: ldr x20, [x29, #0x18]
;;    3c: mul x20, x20, x19
;;    40: ldr x21, [x29, #0x18]
;;    44: rbit x16, x21
;;    48: clz x21, x16
;;    4c: mov x22, #0x100000000
;;    50: mov x23, x19
;;    54: sub x23, x23, x22
;;    58: lsr x21, x21, x23
;;    5c: add x20, x20, x21
;;    60: str x20, [x29, #0x18]
;;    64: add x16, x29, #0x10
;;    68: ldp x29, x30, [x29]
;;    6c: mov sp, x16
;;    70: ret
;;    74: mov w1, #0x9
;;    78: ldr x16, [x28, #0x20]
;;    7c: blr x16  ; trap site: wasm 0x19
