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
;;    2c: b.lo 0xf4
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x18]
;;    3c: ldr x21, [x28, #0x48]
;;    40: ldr x21, [x21]
;;    44: ldr x22, [x28, #0x48]
;;    48: ldr x22, [x22, #0x8]
;;    4c: mov w10, w19
;;    50: add x11, x10, #0x1
;;    54: cmp x11, x22
;;    58: b.hi 0x100
;;    5c: ldrsb x20, [x21, x10]
;;    60: ldr w23, [x29, #0x10]
;;    64: mov w10, w23
;;    68: add x11, x10, #0x2
;;    6c: cmp x11, x22
;;    70: b.hi 0x10c
;;    74: add x9, x21, x10
;;    78: strb w20, [x9, #0x1]
;;    7c: mov w10, w19
;;    80: add x11, x10, #0x4
;;    84: cmp x11, x22
;;    88: b.hi 0x118
;;    8c: ldr s0, [x21, x10]
;;    90: mov w10, w23
;;    94: add x11, x10, #0xc
;;    98: cmp x11, x22
;;    9c: b.hi 0x124
;;    a0: add x9, x21, x10
;;    a4: str s0, [x9, #0x8]
;;    a8: mov w10, w19
;;    ac: add x11, x10, #0x8
;;    b0: cmp x11, x22
;;    b4: b.hi 0x130
;;    b8: add x9, x21, x10
;;    bc: ldr w20, [x9, #0x4]
;;    c0: mov w10, w23
;;    c4: add x11, x10, #0x2
;;    c8: cmp x11, x22
;;    cc: b.hi 0x13c
;;    d0: strh w20, [x21, x10]
;;    d4: ldr x20, [x28, #0x48]
;;    d8: ldr x20, [x20, #0x8]
;;    dc: lsr x20, x20, #0x10
;;    e0: str w20, [x29, #0x18]
;;    e4: add x16, x29, #0x10
;;    e8: ldp x29, x30, [x29]
;;    ec: mov sp, x16
;;    f0: ret
;;    f4: mov w1, #0x9
;;    f8: ldr x16, [x28, #0x20]
;;    fc: blr x16  ; trap site: wasm 0x1e
;;   100: mov w1, #0x5
;;   104: ldr x16, [x28, #0x20]
;;   108: blr x16  ; trap site: wasm 0x23
;;   10c: mov w1, #0x5
;;   110: ldr x16, [x28, #0x20]
;;   114: blr x16  ; trap site: wasm 0x26
;;   118: mov w1, #0x5
;;   11c: ldr x16, [x28, #0x20]
;;   120: blr x16  ; trap site: wasm 0x2d
;;   124: mov w1, #0x5
;;   128: ldr x16, [x28, #0x20]
;;   12c: blr x16  ; trap site: wasm 0x30
;;   130: mov w1, #0x5
;;   134: ldr x16, [x28, #0x20]
;;   138: blr x16  ; trap site: wasm 0x37
;;   13c: mov w1, #0x5
;;   140: ldr x16, [x28, #0x20]
;;   144: blr x16  ; trap site: wasm 0x3a
