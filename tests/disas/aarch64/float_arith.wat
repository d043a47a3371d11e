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
;;    14: str d0, [x29, #0x18]
;;    18: str d1, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x6c
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: fmov d2, d1
;;    40: fmov d3, d0
;;    44: fmul d3, d3, d2
;;    48: fsqrt d3, d3
;;    4c: fmov d2, d1
;;    50: fneg d2, d2
;;    54: fdiv d3, d3, d2
;;    58: fmov d0, d3
;;    5c: add x16, x29, #0x10
;;    60: ldp x29, x30, [x29]
;;    64: mov sp, x16
;;    68: ret
;;    6c: mov w1, #0x9
;;    70: ldr x16, [x28, #0x20]
;;    74: blr x16  ; trap site: wasm 0x20
;; function[1] $f32_ops:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: str s0, [x29, #0x18]
;;    18: str s1, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x6c
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: mov w16, #0x3fc00000
;;    40: fmov s2, w16
;;    44: fmov d3, d0
;;    48: fadd s3, s3, s2
;;    4c: fmov d2, d1
;;    50: fabs s2, s2
;;    54: fmin s3, s3, s2
;;    58: fmov d0, d3
;;    5c: add x16, x29, #0x10
;;    60: ldp x29, x30, [x29]
;;    64: mov sp, x16
;;    68: ret
;;    6c: mov w1, #0x9
;;    70: ldr x16, [x28, #0x20]
;;    74: blr x16  ; trap site: wasm 0x2d
