;; Conversions between integer widths and between integers and floats: a trapping truncation,
;; a saturating one, int-to-float, width changes and a reinterpretation.
(module
  (func $to_float (param $a i32) (param $b i64) (result f64)
    (f64.add
      (f64.convert_i32_s (local.get $a))
      (f64.promote_f32 (f32.convert_i64_u (local.get $b)))))
  (func $to_int (param $x f64) (result i64)
    (i64.add
      (i64.extend_i32_s (i32.trunc_f64_s (local.get $x)))
      (i64.xor
        (i64.extend_i32_u (i32.wrap_i64 (i64.trunc_sat_f32_u (f32.demote_f64 (local.get $x)))))
        (i64.reinterpret_f64 (local.get $x))))))
;; function[0] $to_float:
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
;;    28: b.lo 0x5c
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: mov x21, x19
;;    38: scvtf d0, w21
;;    3c: mov x21, x20
;;    40: ucvtf s1, x21
;;    44: fcvt d1, s1
;;    48: fadd d0, d0, d1
;;    4c: add x16, x29, #0x10
;;    50: ldp x29, x30, [x29]
;;    54: mov sp, x16
;;    58: ret
;;    5c: mov w1, #0x9
;;    60: ldr x16, [x28, #0x20]
;;    64: blr x16  ; trap site: wasm 0x1f
;; function[1] $to_int:
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
;;    28: b.lo 0xb8
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: fmov d1, d0
;;    38: str d0, [x29, #0x10]
;;    3c: fmov x9, d1
;;    40: mov x1, x9
;;    44: mov x0, x28
;;    48: ldr x16, [x28, #0x18]
;;    4c: ldr x16, [x16, #0x70]
;;    50: blr x16
;;    54: cbnz x1, 0xc4
;;    58: mov x19, x0
;;    5c: sxtw x19, w19
;;    60: ldr d0, [x29, #0x10]
;;    64: fcvt s0, d0
;;    68: stur x19, [x29, #-0x10]
;;    6c: fmov w9, s0
;;    70: mov x1, x9
;;    74: mov x0, x28
;;    78: ldr x16, [x28, #0x18]
;;    7c: ldr x16, [x16, #0xc8]
;;    80: blr x16
;;    84: mov x19, x0
;;    88: mov w19, w19
;;    8c: mov w19, w19
;;    90: ldr d0, [x29, #0x10]
;;    94: fmov x20, d0
;;    98: eor x19, x19, x20
;;    9c: ldur x20, [x29, #-0x10]
;;    a0: add x20, x20, x19
;;    a4: mov x19, x20
;;    a8: add x16, x29, #0x10
;;    ac: ldp x29, x30, [x29]
;;    b0: mov sp, x16
;;    b4: ret
;;    b8: mov w1, #0x9
;;    bc: ldr x16, [x28, #0x20]
;;    c0: blr x16  ; trap site: wasm 0x2a
;;    c4: ldr x16, [x28, #0x20]
;;    c8: blr x16  ; trap site: wasm 0x2d
