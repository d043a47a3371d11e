;; Integer comparisons producing values, and eqz.
(module
  (func $compare (param $a i32) (param $b i64) (result i32)
    (i32.and
      (i32.and (i32.lt_s (local.get $a) (i32.const 7)) (i64.ge_u (local.get $b) (i64.const 100)))
      (i32.eqz (local.get $a)))))
;; function[0] $compare:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: str w19, [x29, #0x18]
;;    18: str x20, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x70
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: cmp w19, #0x7
;;    40: cset w21, lt
;;    44: cmp x20, #0x64
;;    48: cset w22, hs
;;    4c: and w21, w21, w22
;;    50: cmp w19, #0x0
;;    54: cset w22, eq
;;    58: and w21, w21, w22
;;    5c: mov x19, x21
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x19
