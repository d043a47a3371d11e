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
;;    14: sub sp, x29, #0x20
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: cmp w19, #0x7
;;    38: cset w21, lt
;;    3c: cmp x20, #0x64
;;    40: cset w22, hs
;;    44: and w21, w21, w22
;;    48: cmp w19, #0x0
;;    4c: cset w22, eq
;;    50: and w21, w21, w22
;;    54: mov x19, x21
;;    58: add x16, x29, #0x10
;;    5c: ldp x29, x30, [x29]
;;    60: mov sp, x16
;;    64: ret
;;    68: mov w1, #0x9
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x19
