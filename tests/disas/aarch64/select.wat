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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x130
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x6c
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr x19, [x29, #0x10]
;;    3c: ldr x20, [x29, #0x18]
;;    40: cmp x20, x19
;;    44: cset w21, gt
;;    48: mov x22, x19
;;    4c: mov x23, x20
;;    50: cmp w21, #0x0
;;    54: csel x23, x23, x22, ne
;;    58: str x23, [x29, #0x18]
;;    5c: add x16, x29, #0x10
;;    60: ldp x29, x30, [x29]
;;    64: mov sp, x16
;;    68: ret
;;    6c: mov w1, #0x9
;;    70: ldr x16, [x28, #0x20]
;;    74: blr x16  ; trap site: wasm 0x21
;; function[1] $pick:
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
;;    2c: b.lo 0x60
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x20]
;;    3c: ldr d0, [x29, #0x10]
;;    40: ldr d1, [x29, #0x18]
;;    44: cmp w19, #0x0
;;    48: fcsel d1, d1, d0, ne
;;    4c: str d1, [x29, #0x20]
;;    50: add x16, x29, #0x10
;;    54: ldp x29, x30, [x29]
;;    58: mov sp, x16
;;    5c: ret
;;    60: mov w1, #0x9
;;    64: ldr x16, [x28, #0x20]
;;    68: blr x16  ; trap site: wasm 0x2e
