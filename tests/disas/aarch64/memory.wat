;; Bounds-checked loads and stores of several widths and offsets, and memory.size.
(module
  (memory 1)
  (func $copy (param $from i32) (param $to i32) (result i32)
    (i64.store8 offset=1 (local.get $to) (i64.load8_s (local.get $from)))
    (f32.store offset=8 (local.get $to) (f32.load (local.get $from)))
    (i32.store16 (local.get $to) (i32.load offset=4 (local.get $from)))
    (memory.size)))
;; function[0] $copy:
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
;;    2c: b.lo 0x13c
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x18]
;;    3c: ldr x9, [x28, #0x48]
;;    40: mov w10, w19
;;    44: add x11, x10, #0x1
;;    48: ldr x12, [x9, #0x8]
;;    4c: cmp x11, x12
;;    50: b.hi 0x148
;;    54: ldr x9, [x9]
;;    58: ldrsb x20, [x9, x10]
;;    5c: ldr w19, [x29, #0x10]
;;    60: ldr x9, [x28, #0x48]
;;    64: mov w10, w19
;;    68: add x11, x10, #0x2
;;    6c: ldr x12, [x9, #0x8]
;;    70: cmp x11, x12
;;    74: b.hi 0x154
;;    78: ldr x9, [x9]
;;    7c: add x9, x9, x10
;;    80: strb w20, [x9, #0x1]
;;    84: ldr w19, [x29, #0x18]
;;    88: ldr x9, [x28, #0x48]
;;    8c: mov w10, w19
;;    90: add x11, x10, #0x4
;;    94: ldr x12, [x9, #0x8]
;;    98: cmp x11, x12
;;    9c: b.hi 0x160
;;    a0: ldr x9, [x9]
;;    a4: ldr s0, [x9, x10]
;;    a8: ldr w19, [x29, #0x10]
;;    ac: ldr x9, [x28, #0x48]
;;    b0: mov w10, w19
;;    b4: add x11, x10, #0xc
;;    b8: ldr x12, [x9, #0x8]
;;    bc: cmp x11, x12
;;    c0: b.hi 0x16c
;;    c4: ldr x9, [x9]
;;    c8: add x9, x9, x10
;;    cc: str s0, [x9, #0x8]
;;    d0: ldr w19, [x29, #0x18]
;;    d4: ldr x9, [x28, #0x48]
;;    d8: mov w10, w19
;;    dc: add x11, x10, #0x8
;;    e0: ldr x12, [x9, #0x8]
;;    e4: cmp x11, x12
;;    e8: b.hi 0x178
;;    ec: ldr x9, [x9]
;;    f0: add x9, x9, x10
;;    f4: ldr w20, [x9, #0x4]
;;    f8: ldr w19, [x29, #0x10]
;;    fc: ldr x9, [x28, #0x48]
;;   100: mov w10, w19
;;   104: add x11, x10, #0x2
;;   108: ldr x12, [x9, #0x8]
;;   10c: cmp x11, x12
;;   110: b.hi 0x184
;;   114: ldr x9, [x9]
;;   118: strh w20, [x9, x10]
;;   11c: ldr x19, [x28, #0x48]
;;   120: ldr x19, [x19, #0x8]
;;   124: lsr x19, x19, #0x10
;;   128: str w19, [x29, #0x18]
;;   12c: add x16, x29, #0x10
;;   130: ldp x29, x30, [x29]
;;   134: mov sp, x16
;;   138: ret
;;   13c: mov w1, #0x9
;;   140: ldr x16, [x28, #0x20]
;;   144: blr x16  ; trap site: wasm 0x1e
;;   148: mov w1, #0x5
;;   14c: ldr x16, [x28, #0x20]
;;   150: blr x16  ; trap site: wasm 0x23
;;   154: mov w1, #0x5
;;   158: ldr x16, [x28, #0x20]
;;   15c: blr x16  ; trap site: wasm 0x26
;;   160: mov w1, #0x5
;;   164: ldr x16, [x28, #0x20]
;;   168: blr x16  ; trap site: wasm 0x2d
;;   16c: mov w1, #0x5
;;   170: ldr x16, [x28, #0x20]
;;   174: blr x16  ; trap site: wasm 0x30
;;   178: mov w1, #0x5
;;   17c: ldr x16, [x28, #0x20]
;;   180: blr x16  ; trap site: wasm 0x37
;;   184: mov w1, #0x5
;;   188: ldr x16, [x28, #0x20]
;;   18c: blr x16  ; trap site: wasm 0x3a
