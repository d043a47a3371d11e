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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x5c
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr d0, [x29, #0x10]
;;    3c: ldr d1, [x29, #0x18]
;;    40: fcmp d1, d0
;;    44: cset w19, mi
;;    48: str w19, [x29, #0x18]
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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x70
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr s0, [x29, #0x10]
;;    3c: ldr s1, [x29, #0x18]
;;    40: fcmp s1, s0
;;    44: cset w19, eq
;;    48: fmov s0, wzr
;;    4c: ldr s1, [x29, #0x10]
;;    50: fcmp s1, s0
;;    54: cset w20, ne
;;    58: orr w19, w19, w20
;;    5c: str w19, [x29, #0x18]
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x28
