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
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x120
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0x58
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr d0, [x29, #0x10]
;;    38: ldr d1, [x29, #0x18]
;;    3c: fcmp d1, d0
;;    40: cset w19, mi
;;    44: str w19, [x29, #0x18]
;;    48: add x16, x29, #0x10
;;    4c: ldp x29, x30, [x29]
;;    50: mov sp, x16
;;    54: ret
;;    58: mov w1, #0x9
;;    5c: ldr x16, [x28, #0x20]
;;    60: blr x16  ; trap site: wasm 0x20
;; function[1] $f32_eq_ne:
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
;;    28: b.lo 0x6c
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr s0, [x29, #0x10]
;;    38: ldr s1, [x29, #0x18]
;;    3c: fcmp s1, s0
;;    40: cset w19, eq
;;    44: fmov s0, wzr
;;    48: ldr s1, [x29, #0x10]
;;    4c: fcmp s1, s0
;;    50: cset w20, ne
;;    54: orr w19, w19, w20
;;    58: str w19, [x29, #0x18]
;;    5c: add x16, x29, #0x10
;;    60: ldp x29, x30, [x29]
;;    64: mov sp, x16
;;    68: ret
;;    6c: mov w1, #0x9
;;    70: ldr x16, [x28, #0x20]
;;    74: blr x16  ; trap site: wasm 0x28
