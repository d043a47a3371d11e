;; Floating-point comparisons: unordered (NaN) operands give 0 except for `ne`.
(module
  (func $f64_lt (param f64 f64) (result i32)
    (f64.lt (local.get 0) (local.get 1)))
  (func $f32_eq_ne (param f32 f32) (result i32)
    (i32.or
      (f32.eq (local.get 0) (local.get 1))
      (f32.ne (local.get 1) (f32.const 0)))))
;; function[0] $f64_lt:
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
;;    34: fmov d2, d1
;;    38: fmov d3, d0
;;    3c: fcmp d3, d2
;;    40: cset w19, mi
;;    44: add x16, x29, #0x10
;;    48: ldp x29, x30, [x29]
;;    4c: mov sp, x16
;;    50: ret
;;    54: mov w1, #0x9
;;    58: ldr x16, [x28, #0x20]
;;    5c: blr x16  ; trap site: wasm 0x20
;; function[1] $f32_eq_ne:
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
;;    34: fmov d2, d1
;;    38: fmov d3, d0
;;    3c: fcmp s3, s2
;;    40: cset w19, eq
;;    44: fmov s2, wzr
;;    48: fmov d3, d1
;;    4c: fcmp s3, s2
;;    50: cset w20, ne
;;    54: orr w19, w19, w20
;;    58: add x16, x29, #0x10
;;    5c: ldp x29, x30, [x29]
;;    60: mov sp, x16
;;    64: ret
;;    68: mov w1, #0x9
;;    6c: ldr x16, [x28, #0x20]
;;    70: blr x16  ; trap site: wasm 0x28
