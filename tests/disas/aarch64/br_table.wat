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
;;    14: sub sp, x29, #0x10
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: mov x20, x19
;;    38: str w19, [x29, #0x10]
;;    3c: mov w16, w20
;;    40: cmp w16, #0x2
;;    44: b.hs 0x64
;;    48: adr x17, 0x54
;;    4c: add x17, x17, x16, lsl #2
;;    50: br x17
;;    54: b 0x5c
;;    58: b 0x60
;;    5c: b 0x68
;;    60: b 0x70
;;    64: b 0x78
;;    68: mov w19, #0xa
;;    6c: b 0x7c
;;    70: mov w19, #0x14
;;    74: b 0x7c
;;    78: mov w19, #0x1e
;;    7c: add x16, x29, #0x10
;;    80: ldp x29, x30, [x29]
;;    84: mov sp, x16
;;    88: ret
;;    8c: mov w1, #0x9
;;    90: ldr x16, [x28, #0x20]
;;    94: blr x16  ; trap site: wasm 0x18
