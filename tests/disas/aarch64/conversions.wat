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
;;    28: b.lo 0x60
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x18]
;;    38: scvtf d0, w19
;;    3c: ldr x19, [x29, #0x10]
;;    40: ucvtf s1, x19
;;    44: fcvt d1, s1
;;    48: fadd d0, d0, d1
;;    4c: str d0, [x29, #0x18]
;;    50: add x16, x29, #0x10
;;    54: ldp x29, x30, [x29]
;;    58: mov sp, x16
;;    5c: ret
;;    60: mov w1, #0x9
;;    64: ldr x16, [x28, #0x20]
;;    68: blr x16  ; trap site: wasm 0x1f
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
;;    28: b.lo 0xb4
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr d0, [x29, #0x10]
;;    38: fmov x9, d0
;;    3c: mov x1, x9
;;    40: mov x0, x28
;;    44: ldr x16, [x28, #0x18]
;;    48: ldr x16, [x16, #0x70]
;;    4c: blr x16
;;    50: cbnz x1, 0xc0
;;    54: mov x19, x0
;;    58: sxtw x19, w19
;;    5c: ldr d0, [x29, #0x10]
;;    60: fcvt s0, d0
;;    64: stur x19, [x29, #-0x10]
;;    68: fmov w9, s0
;;    6c: mov x1, x9
;;    70: mov x0, x28
;;    74: ldr x16, [x28, #0x18]
;;    78: ldr x16, [x16, #0xc8]
;;    7c: blr x16
;;    80: mov x19, x0
;;    84: mov w19, w19
;;    88: mov w19, w19
;;    8c: ldr d0, [x29, #0x10]
;;    90: fmov x20, d0
;;    94: eor x19, x19, x20
;;    98: ldur x20, [x29, #-0x10]
;;    9c: add x20, x20, x19
;;    a0: str x20, [x29, #0x10]
;;    a4: add x16, x29, #0x10
;;    a8: ldp x29, x30, [x29]
;;    ac: mov sp, x16
;;    b0: ret
;;    b4: mov w1, #0x9
;;    b8: ldr x16, [x28, #0x20]
;;    bc: blr x16  ; trap site: wasm 0x2a
;;    c0: ldr x16, [x28, #0x20]
;;    c4: blr x16  ; trap site: wasm 0x2d
