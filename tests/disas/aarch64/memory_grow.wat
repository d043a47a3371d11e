;; memory.grow calls a runtime function through the libcall table.
(module
  (memory 1 10)
  (func $grow (param $pages i32) (result i32)
    (memory.grow (local.get $pages))))
;; function[0] $grow:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x110
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x78
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x10]
;;    3c: mov w19, w19
;;    40: mov x9, #0x0
;;    44: mov x10, x19
;;    48: mov x1, x9
;;    4c: mov x2, x10
;;    50: mov x0, x28
;;    54: ldr x16, [x28, #0x18]
;;    58: ldr x16, [x16]
;;    5c: blr x16
;;    60: mov x19, x0
;;    64: str w19, [x29, #0x10]
;;    68: add x16, x29, #0x10
;;    6c: ldp x29, x30, [x29]
;;    70: mov sp, x16
;;    74: ret
;;    78: mov w1, #0x9
;;    7c: ldr x16, [x28, #0x20]
;;    80: blr x16  ; trap site: wasm 0x1e
