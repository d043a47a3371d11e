;;! guard_pages = true
;; With guard pages: no bounds checks, each access a fault site (AArch64 keeps the checks of
;; stores wider than a byte, which could tear), and memory 0's base in a register. Offsets
;; beyond the 2 GiB guard keep their check.
(module
  (memory 1)
  (func $copy (param $from i32) (param $to i32) (result i32)
    (i64.store8 offset=1 (local.get $to) (i64.load8_s (local.get $from)))
    (f32.store offset=8 (local.get $to) (f32.load (local.get $from)))
    (i32.store16 (local.get $to) (i32.load offset=4 (local.get $from)))
    (memory.size))
  ;; An offset beyond the guard region keeps its check.
  (func $far (param $at i32) (result i32)
    (i32.load offset=0x90000000 (local.get $at))))
;; function[0] $copy:
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
;;    28: b.lo 0xc0
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x18]
;;    38: ldr x21, [x28, #0x48]
;;    3c: ldr x21, [x21]
;;    40: mov w10, w19
;;    44: ldrsb x20, [x21, x10]  ; fault site: wasm 0x29
;;    48: ldr w22, [x29, #0x10]
;;    4c: mov w10, w22
;;    50: add x9, x21, x10
;;    54: strb w20, [x9, #0x1]  ; fault site: wasm 0x2c
;;    58: mov w10, w19
;;    5c: ldr s0, [x21, x10]  ; fault site: wasm 0x33
;;    60: ldr x20, [x28, #0x48]
;;    64: ldr x20, [x20, #0x8]
;;    68: mov w10, w22
;;    6c: add x11, x10, #0xc
;;    70: cmp x11, x20
;;    74: b.hi 0xcc
;;    78: add x9, x21, x10
;;    7c: str s0, [x9, #0x8]
;;    80: mov w10, w19
;;    84: add x9, x21, x10
;;    88: ldr w23, [x9, #0x4]  ; fault site: wasm 0x3d
;;    8c: mov w10, w22
;;    90: add x11, x10, #0x2
;;    94: cmp x11, x20
;;    98: b.hi 0xd0
;;    9c: strh w23, [x21, x10]
;;    a0: ldr x23, [x28, #0x48]
;;    a4: ldr x23, [x23, #0x8]
;;    a8: lsr x23, x23, #0x10
;;    ac: str w23, [x29, #0x18]
;;    b0: add x16, x29, #0x10
;;    b4: ldp x29, x30, [x29]
;;    b8: mov sp, x16
;;    bc: ret
;;    c0: mov w1, #0x9
;;    c4: ldr x16, [x28, #0x20]
;;    c8: blr x16  ; trap site: wasm 0x24
;;    cc: bl 0xd4  ; trap site: wasm 0x36
;;    d0: bl 0xd4  ; trap site: wasm 0x40
;;    d4: mov w1, #0x5
;;    d8: ldr x16, [x28, #0x20]
;;    dc: br x16
;; function[1] $far:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x110
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0x80
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x10]
;;    38: ldr x21, [x28, #0x48]
;;    3c: ldr x21, [x21]
;;    40: ldr x22, [x28, #0x48]
;;    44: ldr x22, [x22, #0x8]
;;    48: mov w10, w19
;;    4c: mov x17, #0x4
;;    50: movk x17, #0x9000, lsl #16
;;    54: add x11, x10, x17
;;    58: cmp x11, x22
;;    5c: b.hi 0x8c
;;    60: add x9, x21, x10
;;    64: mov x17, #0x90000000
;;    68: ldr w20, [x9, x17]
;;    6c: str w20, [x29, #0x10]
;;    70: add x16, x29, #0x10
;;    74: ldp x29, x30, [x29]
;;    78: mov sp, x16
;;    7c: ret
;;    80: mov w1, #0x9
;;    84: ldr x16, [x28, #0x20]
;;    88: blr x16  ; trap site: wasm 0x47
;;    8c: mov w1, #0x5
;;    90: ldr x16, [x28, #0x20]
;;    94: blr x16  ; trap site: wasm 0x4a
