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
;;    14: str d0, [x29, #0x18]
;;    18: str d1, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x5c
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: fmov d2, d1
;;    40: fmov d3, d0
;;    44: fcmp d3, d2
;;    48: cset w19, mi
;;    4c: add x16, x29, #0x10
;;    50: ldp x29, x30, [x29]
;;    54: mov sp, x16
;;    58: ret
;;    5c: mov w1, #0x9
;;    60: ldr x16, [x28, #0x20]
;;    64: blr x16  ; trap site: wasm 0x20
;; function[1] $f32_eq_ne:
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
;;    30: b.lo 0x70
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: fmov d2, d1
;;    40: fmov d3, d0
;;    44: fcmp s3, s2
;;    48: cset w19, eq
;;    4c: fmov s2, wzr
;;    50: fmov d3, d1
;;    54: fcmp s3, s2
;;    58: cset w20, ne
;;    5c: orr w19, w19, w20
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x28
