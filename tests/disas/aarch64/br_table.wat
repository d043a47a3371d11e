;; br_table: a bounds check to the default target, then a jump through a table.
(module
  (func $classify (param $k i32) (result i32)
    (block $two
      (block $one
        (block $zero
          (br_table $zero $one $two (local.get $k)))
        (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30)))
;; function[0] $classify:
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
;;    28: b.lo 0x94
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x10]
;;    38: mov w16, w19
;;    3c: cmp w16, #0x2
;;    40: b.hs 0x60
;;    44: adr x17, 0x50
;;    48: add x17, x17, x16, lsl #2
;;    4c: br x17
;;    50: b 0x58
;;    54: b 0x5c
;;    58: b 0x64
;;    5c: b 0x70
;;    60: b 0x7c
;;    64: mov w16, #0xa
;;    68: str w16, [x29, #0x10]
;;    6c: b 0x84
;;    70: mov w16, #0x14
;;    74: str w16, [x29, #0x10]
;;    78: b 0x84
;;    7c: mov w16, #0x1e
;;    80: str w16, [x29, #0x10]
;;    84: add x16, x29, #0x10
;;    88: ldp x29, x30, [x29]
;;    8c: mov sp, x16
;;    90: ret
;;    94: mov w1, #0x9
;;    98: ldr x16, [x28, #0x20]
;;    9c: blr x16  ; trap site: wasm 0x18
