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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x68
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr d0, [x29, #0x10]
;;    3c: ldr d1, [x29, #0x18]
;;    40: fmul d1, d1, d0
;;    44: fsqrt d1, d1
;;    48: ldr d0, [x29, #0x10]
;;    4c: fneg d0, d0
;;    50: fdiv d1, d1, d0
;;    54: str d1, [x29, #0x18]
;;    58: add x16, x29, #0x10
;;    5c: ldp x29, x30, [x29]
;;    60: mov sp, x16
;;    64: ret
;;    68: mov w1, #0x9
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x20
;; function[1] $f32_ops:
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
;;    2c: b.lo 0x68
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: mov w16, #0x3fc00000
;;    3c: fmov s0, w16
;;    40: ldr s1, [x29, #0x18]
;;    44: fadd s1, s1, s0
;;    48: ldr s0, [x29, #0x10]
;;    4c: fabs s0, s0
;;    50: fmin s1, s1, s0
;;    54: str s1, [x29, #0x18]
;;    58: add x16, x29, #0x10
;;    5c: ldp x29, x30, [x29]
;;    60: mov sp, x16
;;    64: ret
;;    68: mov w1, #0x9
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x2d
