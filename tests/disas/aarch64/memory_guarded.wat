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
;;    28: b.lo 0xa8
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr x22, [x28, #0x48]
;;    38: ldr x22, [x22]
;;    3c: ldrsb x21, [x22, w19, uxtw]  ; fault site: wasm 0x29
;;    40: add x9, x22, w20
;;    44: strb w21, [x9, #0x1]  ; fault site: wasm 0x2c
;;    48: ldr s0, [x22, w19, uxtw]  ; fault site: wasm 0x33
;;    4c: ldr x21, [x28, #0x48]
;;    50: ldr x21, [x21, #0x8]
;;    54: mov w10, w20
;;    58: add x11, x10, #0xc
;;    5c: cmp x11, x21
;;    60: b.hi 0xb4
;;    64: add x9, x22, x10
;;    68: str s0, [x9, #0x8]
;;    6c: add x9, x22, w19
;;    70: ldr w23, [x9, #0x4]  ; fault site: wasm 0x3d
;;    74: mov w10, w20
;;    78: add x11, x10, #0x2
;;    7c: cmp x11, x21
;;    80: b.hi 0xb8
;;    84: strh w23, [x22, x10]
;;    88: ldr x23, [x28, #0x48]
;;    8c: ldr x23, [x23, #0x8]
;;    90: lsr x23, x23, #0x10
;;    94: mov x19, x23
;;    98: add x16, x29, #0x10
;;    9c: ldp x29, x30, [x29]
;;    a0: mov sp, x16
;;    a4: ret
;;    a8: mov w1, #0x9
;;    ac: ldr x16, [x28, #0x20]
;;    b0: blr x16  ; trap site: wasm 0x24
;;    b4: bl 0xbc  ; trap site: wasm 0x36
;;    b8: bl 0xbc  ; trap site: wasm 0x40
;;    bc: mov w1, #0x5
;;    c0: ldr x16, [x28, #0x20]
;;    c4: br x16
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
;;    28: b.lo 0x7c
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr x21, [x28, #0x48]
;;    38: ldr x21, [x21]
;;    3c: ldr x22, [x28, #0x48]
;;    40: ldr x22, [x22, #0x8]
;;    44: mov w10, w19
;;    48: mov x17, #0x4
;;    4c: movk x17, #0x9000, lsl #16
;;    50: add x11, x10, x17
;;    54: cmp x11, x22
;;    58: b.hi 0x88
;;    5c: add x9, x21, x10
;;    60: mov x17, #0x90000000
;;    64: ldr w20, [x9, x17]
;;    68: mov x19, x20
;;    6c: add x16, x29, #0x10
;;    70: ldp x29, x30, [x29]
;;    74: mov sp, x16
;;    78: ret
;;    7c: mov w1, #0x9
;;    80: ldr x16, [x28, #0x20]
;;    84: blr x16  ; trap site: wasm 0x47
;;    88: mov w1, #0x5
;;    8c: ldr x16, [x28, #0x20]
;;    90: blr x16  ; trap site: wasm 0x4a
