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
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x120
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0x64
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: fmov d2, d1
;;    38: fmov d3, d0
;;    3c: fmul d3, d3, d2
;;    40: fsqrt d3, d3
;;    44: fmov d2, d1
;;    48: fneg d2, d2
;;    4c: fdiv d3, d3, d2
;;    50: fmov d0, d3
;;    54: add x16, x29, #0x10
;;    58: ldp x29, x30, [x29]
;;    5c: mov sp, x16
;;    60: ret
;;    64: mov w1, #0x9
;;    68: ldr x16, [x28, #0x20]
;;    6c: blr x16  ; trap site: wasm 0x20
;; function[1] $f32_ops:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x120
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0x64
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: mov w16, #0x3fc00000
;;    38: fmov s2, w16
;;    3c: fmov d3, d0
;;    40: fadd s3, s3, s2
;;    44: fmov d2, d1
;;    48: fabs s2, s2
;;    4c: fmin s3, s3, s2
;;    50: fmov d0, d3
;;    54: add x16, x29, #0x10
;;    58: ldp x29, x30, [x29]
;;    5c: mov sp, x16
;;    60: ret
;;    64: mov w1, #0x9
;;    68: ldr x16, [x28, #0x20]
;;    6c: blr x16  ; trap site: wasm 0x2d
