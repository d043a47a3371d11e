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
;;    14: str w19, [x29, #0x18]
;;    18: str w20, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0xf0
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: ldr x22, [x28, #0x48]
;;    40: ldr x22, [x22]
;;    44: ldr x23, [x28, #0x48]
;;    48: ldr x23, [x23, #0x8]
;;    4c: mov w10, w19
;;    50: add x11, x10, #0x1
;;    54: cmp x11, x23
;;    58: b.hi 0xfc
;;    5c: ldrsb x21, [x22, x10]
;;    60: mov w10, w20
;;    64: add x11, x10, #0x2
;;    68: cmp x11, x23
;;    6c: b.hi 0x100
;;    70: add x9, x22, x10
;;    74: strb w21, [x9, #0x1]
;;    78: mov w10, w19
;;    7c: add x11, x10, #0x4
;;    80: cmp x11, x23
;;    84: b.hi 0x104
;;    88: ldr s0, [x22, x10]
;;    8c: mov w10, w20
;;    90: add x11, x10, #0xc
;;    94: cmp x11, x23
;;    98: b.hi 0x108
;;    9c: add x9, x22, x10
;;    a0: str s0, [x9, #0x8]
;;    a4: mov w10, w19
;;    a8: add x11, x10, #0x8
;;    ac: cmp x11, x23
;;    b0: b.hi 0x10c
;;    b4: add x9, x22, x10
;;    b8: ldr w21, [x9, #0x4]
;;    bc: mov w10, w20
;;    c0: add x11, x10, #0x2
;;    c4: cmp x11, x23
;;    c8: b.hi 0x110
;;    cc: strh w21, [x22, x10]
;;    d0: ldr x21, [x28, #0x48]
;;    d4: ldr x21, [x21, #0x8]
;;    d8: lsr x21, x21, #0x10
;;    dc: mov x19, x21
;;    e0: add x16, x29, #0x10
;;    e4: ldp x29, x30, [x29]
;;    e8: mov sp, x16
;;    ec: ret
;;    f0: mov w1, #0x9
;;    f4: ldr x16, [x28, #0x20]
;;    f8: blr x16  ; trap site: wasm 0x1e
;;    fc: bl 0x114  ; trap site: wasm 0x23
;;   100: bl 0x114  ; trap site: wasm 0x26
;;   104: bl 0x114  ; trap site: wasm 0x2d
;;   108: bl 0x114  ; trap site: wasm 0x30
;;   10c: bl 0x114  ; trap site: wasm 0x37
;;   110: bl 0x114  ; trap site: wasm 0x3a
;;   114: mov w1, #0x5
;;   118: ldr x16, [x28, #0x20]
;;   11c: br x16
