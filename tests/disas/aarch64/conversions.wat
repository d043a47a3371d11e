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
;;    14: sub sp, x29, #0x20
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
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
;;    14: sub sp, x29, #0x20
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcmp d0, d0
;;    38: b.vs 0xa8
;;    3c: mov x9, #0x200000
;;    40: movk x9, #0xc1e0, lsl #48
;;    44: fmov d31, x9
;;    48: fcmp d0, d31
;;    4c: b.ls 0xb4
;;    50: mov x9, #0x41e0000000000000
;;    54: fmov d31, x9
;;    58: fcmp d0, d31
;;    5c: b.ge 0xb4
;;    60: fcvtzs w19, d0
;;    64: sxtw x19, w19
;;    68: fmov d1, d0
;;    6c: fcvt s1, d1
;;    70: fcvtzu x20, s1
;;    74: mov w20, w20
;;    78: mov w20, w20
;;    7c: fmov d1, d0
;;    80: fmov x21, d1
;;    84: eor x20, x20, x21
;;    88: add x19, x19, x20
;;    8c: add x16, x29, #0x10
;;    90: ldp x29, x30, [x29]
;;    94: mov sp, x16
;;    98: ret
;;    9c: mov w1, #0x9
;;    a0: ldr x16, [x28, #0x20]
;;    a4: blr x16  ; trap site: wasm 0x2a
;;    a8: mov w1, #0x4
;;    ac: ldr x16, [x28, #0x20]
;;    b0: blr x16  ; trap site: wasm 0x2d
;;    b4: mov w1, #0x3
;;    b8: ldr x16, [x28, #0x20]
;;    bc: blr x16  ; trap site: wasm 0x2d
