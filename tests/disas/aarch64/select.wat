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
;;    14: str x19, [x29, #0x18]
;;    18: str x20, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x130
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x68
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: cmp x19, x20
;;    40: cset w21, gt
;;    44: mov x22, x20
;;    48: mov x23, x19
;;    4c: cmp w21, #0x0
;;    50: csel x23, x23, x22, ne
;;    54: mov x19, x23
;;    58: add x16, x29, #0x10
;;    5c: ldp x29, x30, [x29]
;;    60: mov sp, x16
;;    64: ret
;;    68: mov w1, #0x9
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x21
;; function[1] $pick:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: str w19, [x29, #0x20]
;;    18: str d0, [x29, #0x18]
;;    1c: str d1, [x29, #0x10]
;;    20: ldr x9, [x28]
;;    24: mov x16, #0x120
;;    28: movk x16, #0x0, lsl #16
;;    2c: sub x16, x29, x16
;;    30: cmp x16, x9
;;    34: b.lo 0x68
;;    38: add x16, x16, #0x100
;;    3c: and sp, x16, #0xfffffffffffffff0
;;    40: mov x20, x19
;;    44: fmov d2, d1
;;    48: fmov d3, d0
;;    4c: cmp w20, #0x0
;;    50: fcsel d3, d3, d2, ne
;;    54: fmov d0, d3
;;    58: add x16, x29, #0x10
;;    5c: ldp x29, x30, [x29]
;;    60: mov sp, x16
;;    64: ret
;;    68: mov w1, #0x9
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x2e
