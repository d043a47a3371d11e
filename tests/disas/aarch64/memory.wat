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
;;    14: sub sp, x29, #0x20
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: ldr x22, [x28, #0x48]
;;    38: ldr x22, [x22]
;;    3c: ldr x23, [x28, #0x48]
;;    40: ldr x23, [x23, #0x8]
;;    44: mov w10, w19
;;    48: add x11, x10, #0x1
;;    4c: cmp x11, x23
;;    50: b.hi 0xf4
;;    54: ldrsb x21, [x22, x10]
;;    58: mov w10, w20
;;    5c: add x11, x10, #0x2
;;    60: cmp x11, x23
;;    64: b.hi 0xf8
;;    68: add x9, x22, x10
;;    6c: strb w21, [x9, #0x1]
;;    70: mov w10, w19
;;    74: add x11, x10, #0x4
;;    78: cmp x11, x23
;;    7c: b.hi 0xfc
;;    80: ldr s0, [x22, x10]
;;    84: mov w10, w20
;;    88: add x11, x10, #0xc
;;    8c: cmp x11, x23
;;    90: b.hi 0x100
;;    94: add x9, x22, x10
;;    98: str s0, [x9, #0x8]
;;    9c: mov w10, w19
;;    a0: add x11, x10, #0x8
;;    a4: cmp x11, x23
;;    a8: b.hi 0x104
;;    ac: add x9, x22, x10
;;    b0: ldr w21, [x9, #0x4]
;;    b4: mov w10, w20
;;    b8: add x11, x10, #0x2
;;    bc: cmp x11, x23
;;    c0: b.hi 0x108
;;    c4: strh w21, [x22, x10]
;;    c8: ldr x21, [x28, #0x48]
;;    cc: ldr x21, [x21, #0x8]
;;    d0: lsr x21, x21, #0x10
;;    d4: mov x19, x21
;;    d8: add x16, x29, #0x10
;;    dc: ldp x29, x30, [x29]
;;    e0: mov sp, x16
;;    e4: ret
;;    e8: mov w1, #0x9
;;    ec: ldr x16, [x28, #0x20]
;;    f0: blr x16  ; trap site: wasm 0x1e
;;    f4: bl 0x10c  ; trap site: wasm 0x23
;;    f8: bl 0x10c  ; trap site: wasm 0x26
;;    fc: bl 0x10c  ; trap site: wasm 0x2d
;;   100: bl 0x10c  ; trap site: wasm 0x30
;;   104: bl 0x10c  ; trap site: wasm 0x37
;;   108: bl 0x10c  ; trap site: wasm 0x3a
;;   10c: mov w1, #0x5
;;   110: ldr x16, [x28, #0x20]
;;   114: br x16
