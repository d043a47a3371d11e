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
;;    2c: b.lo 0x78
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x18]
;;    3c: cmp w19, #0x7
;;    40: cset w19, lt
;;    44: ldr x20, [x29, #0x10]
;;    48: cmp x20, #0x64
;;    4c: cset w20, hs
;;    50: and w19, w19, w20
;;    54: ldr w20, [x29, #0x18]
;;    58: cmp w20, #0x0
;;    5c: cset w20, eq
;;    60: and w19, w19, w20
;;    64: str w19, [x29, #0x18]
;;    68: add x16, x29, #0x10
;;    6c: ldp x29, x30, [x29]
;;    70: mov sp, x16
;;    74: ret
;;    78: mov w1, #0x9
;;    7c: ldr x16, [x28, #0x20]
;;    80: blr x16  ; trap site: wasm 0x19
