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
;;    14: sub sp, x29, #0x20
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: ldr x22, [x28, #0x50]
;;    38: ldrsb x21, [x22, w19, uxtw]  ; fault site: wasm 0x29
;;    3c: add x9, x22, w20
;;    40: strb w21, [x9, #0x1]  ; fault site: wasm 0x2c
;;    44: ldr s0, [x22, w19, uxtw]  ; fault site: wasm 0x33
;;    48: ldr x21, [x28, #0x48]
;;    4c: ldr x21, [x21, #0x8]
;;    50: mov w10, w20
;;    54: add x11, x10, #0xc
;;    58: cmp x11, x21
;;    5c: b.hi 0xb0
;;    60: add x9, x22, x10
;;    64: str s0, [x9, #0x8]
;;    68: add x9, x22, w19
;;    6c: ldr w23, [x9, #0x4]  ; fault site: wasm 0x3d
;;    70: mov w10, w20
;;    74: add x11, x10, #0x2
;;    78: cmp x11, x21
;;    7c: b.hi 0xb4
;;    80: strh w23, [x22, x10]
;;    84: ldr x23, [x28, #0x48]
;;    88: ldr x23, [x23, #0x8]
;;    8c: lsr x23, x23, #0x10
;;    90: mov x19, x23
;;    94: add x16, x29, #0x10
;;    98: ldp x29, x30, [x29]
;;    9c: mov sp, x16
;;    a0: ret
;;    a4: mov w1, #0x9
;;    a8: ldr x16, [x28, #0x20]
;;    ac: blr x16  ; trap site: wasm 0x24
;;    b0: bl 0xb8  ; trap site: wasm 0x36
;;    b4: bl 0xb8  ; trap site: wasm 0x40
;;    b8: mov w1, #0x5
;;    bc: ldr x16, [x28, #0x20]
;;    c0: br x16
;; function[1] $far:
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
;;    34: ldr x21, [x28, #0x50]
;;    38: ldr x22, [x28, #0x48]
;;    3c: ldr x22, [x22, #0x8]
;;    40: mov w10, w19
;;    44: mov x17, #0x4
;;    48: movk x17, #0x9000, lsl #16
;;    4c: add x11, x10, x17
;;    50: cmp x11, x22
;;    54: b.hi 0x84
;;    58: add x9, x21, x10
;;    5c: mov x17, #0x90000000
;;    60: ldr w20, [x9, x17]
;;    64: mov x19, x20
;;    68: add x16, x29, #0x10
;;    6c: ldp x29, x30, [x29]
;;    70: mov sp, x16
;;    74: ret
;;    78: mov w1, #0x9
;;    7c: ldr x16, [x28, #0x20]
;;    80: blr x16  ; trap site: wasm 0x47
;;    84: mov w1, #0x5
;;    88: ldr x16, [x28, #0x20]
;;    8c: blr x16  ; trap site: wasm 0x4a
