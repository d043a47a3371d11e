;; select on integers (conditional moves) and on floats.
(module
  (func $max (param $a i64) (param $b i64) (result i64)
    (select (local.get $a) (local.get $b) (i64.gt_s (local.get $a) (local.get $b))))
  (func $pick (param $c i32) (param $x f64) (param $y f64) (result f64)
    (select (result f64) (local.get $x) (local.get $y) (local.get $c))))
;; function[0] $max:
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
;;    34: cmp x19, x20
;;    38: cset w21, gt
;;    3c: mov x22, x20
;;    40: mov x23, x19
;;    44: cmp w21, #0x0
;;    48: csel x23, x23, x22, ne
;;    4c: mov x19, x23
;;    50: add x16, x29, #0x10
;;    54: ldp x29, x30, [x29]
;;    58: mov sp, x16
;;    5c: ret
;;    60: mov w1, #0x9
;;    64: ldr x16, [x28, #0x20]
;;    68: blr x16  ; trap site: wasm 0x21
;; function[1] $pick:
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
;;    34: mov x20, x19
;;    38: fmov d2, d1
;;    3c: fmov d3, d0
;;    40: cmp w20, #0x0
;;    44: fcsel d3, d3, d2, ne
;;    48: fmov d0, d3
;;    4c: add x16, x29, #0x10
;;    50: ldp x29, x30, [x29]
;;    54: mov sp, x16
;;    58: ret
;;    5c: mov w1, #0x9
;;    60: ldr x16, [x28, #0x20]
;;    64: blr x16  ; trap site: wasm 0x2e
