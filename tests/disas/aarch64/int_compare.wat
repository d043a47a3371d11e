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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x74
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x18]
;;    3c: cmp w19, #0x7
;;    40: cset w20, lt
;;    44: ldr x21, [x29, #0x10]
;;    48: cmp x21, #0x64
;;    4c: cset w22, hs
;;    50: and w20, w20, w22
;;    54: cmp w19, #0x0
;;    58: cset w22, eq
;;    5c: and w20, w20, w22
;;    60: str w20, [x29, #0x18]
;;    64: add x16, x29, #0x10
;;    68: ldp x29, x30, [x29]
;;    6c: mov sp, x16
;;    70: ret
;;    74: mov w1, #0x9
;;    78: ldr x16, [x28, #0x20]
;;    7c: blr x16  ; trap site: wasm 0x19
