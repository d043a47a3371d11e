;; Float-to-int truncations, inline: trapping (NaN traps as an invalid conversion, out of range
;; as an integer overflow) and saturating, every width and signedness.
(module
  (func $i32_trunc_f32_s (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func $i32_trunc_f32_u (param f32) (result i32) (i32.trunc_f32_u (local.get 0)))
  (func $i32_trunc_f64_s (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func $i32_trunc_f64_u (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func $i64_trunc_f32_s (param f32) (result i64) (i64.trunc_f32_s (local.get 0)))
  (func $i64_trunc_f32_u (param f32) (result i64) (i64.trunc_f32_u (local.get 0)))
  (func $i64_trunc_f64_s (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
  (func $i64_trunc_f64_u (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func $i32_trunc_sat_f32_s (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
  (func $i32_trunc_sat_f32_u (param f32) (result i32) (i32.trunc_sat_f32_u (local.get 0)))
  (func $i32_trunc_sat_f64_s (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
  (func $i32_trunc_sat_f64_u (param f64) (result i32) (i32.trunc_sat_f64_u (local.get 0)))
  (func $i64_trunc_sat_f32_s (param f32) (result i64) (i64.trunc_sat_f32_s (local.get 0)))
  (func $i64_trunc_sat_f32_u (param f32) (result i64) (i64.trunc_sat_f32_u (local.get 0)))
  (func $i64_trunc_sat_f64_s (param f64) (result i64) (i64.trunc_sat_f64_s (local.get 0)))
  (func $i64_trunc_sat_f64_u (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
)
;; function[0] $i32_trunc_f32_s:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcmp s0, s0
;;    38: b.vs 0x7c
;;    3c: mov w9, #0xcf000000
;;    40: fmov s31, w9
;;    44: fcmp s0, s31
;;    48: b.mi 0x88
;;    4c: mov w9, #0x4f000000
;;    50: fmov s31, w9
;;    54: fcmp s0, s31
;;    58: b.ge 0x88
;;    5c: fcvtzs w19, s0
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x36
;;    7c: mov w1, #0x4
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x39
;;    88: mov w1, #0x3
;;    8c: ldr x16, [x28, #0x20]
;;    90: blr x16  ; trap site: wasm 0x39
;; function[1] $i32_trunc_f32_u:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcmp s0, s0
;;    38: b.vs 0x7c
;;    3c: mov w9, #0xbf800000
;;    40: fmov s31, w9
;;    44: fcmp s0, s31
;;    48: b.ls 0x88
;;    4c: mov w9, #0x4f800000
;;    50: fmov s31, w9
;;    54: fcmp s0, s31
;;    58: b.ge 0x88
;;    5c: fcvtzu w19, s0
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x3c
;;    7c: mov w1, #0x4
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x3f
;;    88: mov w1, #0x3
;;    8c: ldr x16, [x28, #0x20]
;;    90: blr x16  ; trap site: wasm 0x3f
;; function[2] $i32_trunc_f64_s:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcmp d0, d0
;;    38: b.vs 0x80
;;    3c: mov x9, #0x200000
;;    40: movk x9, #0xc1e0, lsl #48
;;    44: fmov d31, x9
;;    48: fcmp d0, d31
;;    4c: b.ls 0x8c
;;    50: mov x9, #0x41e0000000000000
;;    54: fmov d31, x9
;;    58: fcmp d0, d31
;;    5c: b.ge 0x8c
;;    60: fcvtzs w19, d0
;;    64: add x16, x29, #0x10
;;    68: ldp x29, x30, [x29]
;;    6c: mov sp, x16
;;    70: ret
;;    74: mov w1, #0x9
;;    78: ldr x16, [x28, #0x20]
;;    7c: blr x16  ; trap site: wasm 0x42
;;    80: mov w1, #0x4
;;    84: ldr x16, [x28, #0x20]
;;    88: blr x16  ; trap site: wasm 0x45
;;    8c: mov w1, #0x3
;;    90: ldr x16, [x28, #0x20]
;;    94: blr x16  ; trap site: wasm 0x45
;; function[3] $i32_trunc_f64_u:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcmp d0, d0
;;    38: b.vs 0x7c
;;    3c: mov x9, #0xbff0000000000000
;;    40: fmov d31, x9
;;    44: fcmp d0, d31
;;    48: b.ls 0x88
;;    4c: mov x9, #0x41f0000000000000
;;    50: fmov d31, x9
;;    54: fcmp d0, d31
;;    58: b.ge 0x88
;;    5c: fcvtzu w19, d0
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x48
;;    7c: mov w1, #0x4
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x4b
;;    88: mov w1, #0x3
;;    8c: ldr x16, [x28, #0x20]
;;    90: blr x16  ; trap site: wasm 0x4b
;; function[4] $i64_trunc_f32_s:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcmp s0, s0
;;    38: b.vs 0x7c
;;    3c: mov w9, #0xdf000000
;;    40: fmov s31, w9
;;    44: fcmp s0, s31
;;    48: b.mi 0x88
;;    4c: mov w9, #0x5f000000
;;    50: fmov s31, w9
;;    54: fcmp s0, s31
;;    58: b.ge 0x88
;;    5c: fcvtzs x19, s0
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x4e
;;    7c: mov w1, #0x4
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x51
;;    88: mov w1, #0x3
;;    8c: ldr x16, [x28, #0x20]
;;    90: blr x16  ; trap site: wasm 0x51
;; function[5] $i64_trunc_f32_u:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcmp s0, s0
;;    38: b.vs 0x7c
;;    3c: mov w9, #0xbf800000
;;    40: fmov s31, w9
;;    44: fcmp s0, s31
;;    48: b.ls 0x88
;;    4c: mov w9, #0x5f800000
;;    50: fmov s31, w9
;;    54: fcmp s0, s31
;;    58: b.ge 0x88
;;    5c: fcvtzu x19, s0
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x54
;;    7c: mov w1, #0x4
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x57
;;    88: mov w1, #0x3
;;    8c: ldr x16, [x28, #0x20]
;;    90: blr x16  ; trap site: wasm 0x57
;; function[6] $i64_trunc_f64_s:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcmp d0, d0
;;    38: b.vs 0x7c
;;    3c: mov x9, #0xc3e0000000000000
;;    40: fmov d31, x9
;;    44: fcmp d0, d31
;;    48: b.mi 0x88
;;    4c: mov x9, #0x43e0000000000000
;;    50: fmov d31, x9
;;    54: fcmp d0, d31
;;    58: b.ge 0x88
;;    5c: fcvtzs x19, d0
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x5a
;;    7c: mov w1, #0x4
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x5d
;;    88: mov w1, #0x3
;;    8c: ldr x16, [x28, #0x20]
;;    90: blr x16  ; trap site: wasm 0x5d
;; function[7] $i64_trunc_f64_u:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcmp d0, d0
;;    38: b.vs 0x7c
;;    3c: mov x9, #0xbff0000000000000
;;    40: fmov d31, x9
;;    44: fcmp d0, d31
;;    48: b.ls 0x88
;;    4c: mov x9, #0x43f0000000000000
;;    50: fmov d31, x9
;;    54: fcmp d0, d31
;;    58: b.ge 0x88
;;    5c: fcvtzu x19, d0
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x60
;;    7c: mov w1, #0x4
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x63
;;    88: mov w1, #0x3
;;    8c: ldr x16, [x28, #0x20]
;;    90: blr x16  ; trap site: wasm 0x63
;; function[8] $i32_trunc_sat_f32_s:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcvtzs w19, s0
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x66
;; function[9] $i32_trunc_sat_f32_u:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcvtzu w19, s0
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x6d
;; function[10] $i32_trunc_sat_f64_s:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcvtzs w19, d0
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x74
;; function[11] $i32_trunc_sat_f64_u:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcvtzu w19, d0
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x7b
;; function[12] $i64_trunc_sat_f32_s:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcvtzs x19, s0
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x82
;; function[13] $i64_trunc_sat_f32_u:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcvtzu x19, s0
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x89
;; function[14] $i64_trunc_sat_f64_s:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcvtzs x19, d0
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x90
;; function[15] $i64_trunc_sat_f64_u:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: fcvtzu x19, d0
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x97
