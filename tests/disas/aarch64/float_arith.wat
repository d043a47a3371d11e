;; Floating-point arithmetic: add, mul, div, sqrt, min (NaN and -0 handling), neg, abs.
(module
  (func $f64_ops (param $x f64) (param $y f64) (result f64)
    (f64.div
      (f64.sqrt (f64.mul (local.get $x) (local.get $y)))
      (f64.neg (local.get $y))))
  (func $f32_ops (param $x f32) (param $y f32) (result f32)
    (f32.min (f32.add (local.get $x) (f32.const 1.5)) (f32.abs (local.get $y)))))
;; function[0] $f64_ops:
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
;;    34: fmul d0, d0, d1
;;    38: fsqrt d0, d0
;;    3c: fmov d2, d1
;;    40: fneg d2, d2
;;    44: fdiv d0, d0, d2
;;    48: add x16, x29, #0x10
;;    4c: ldp x29, x30, [x29]
;;    50: mov sp, x16
;;    54: ret
;;    58: mov w1, #0x9
;;    5c: ldr x16, [x28, #0x20]
;;    60: blr x16  ; trap site: wasm 0x20
;; function[1] $f32_ops:
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
;;    34: mov w16, #0x3fc00000
;;    38: fmov s2, w16
;;    3c: fadd s0, s0, s2
;;    40: fmov d2, d1
;;    44: fabs s2, s2
;;    48: fmin s0, s0, s2
;;    4c: add x16, x29, #0x10
;;    50: ldp x29, x30, [x29]
;;    54: mov sp, x16
;;    58: ret
;;    5c: mov w1, #0x9
;;    60: ldr x16, [x28, #0x20]
;;    64: blr x16  ; trap site: wasm 0x2d
