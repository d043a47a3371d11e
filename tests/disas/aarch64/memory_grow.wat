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
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x110
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0x74
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: mov x20, x19
;;    38: mov w20, w20
;;    3c: str w19, [x29, #0x10]
;;    40: mov x9, #0x0
;;    44: mov x10, x20
;;    48: mov x1, x9
;;    4c: mov x2, x10
;;    50: mov x0, x28
;;    54: ldr x16, [x28, #0x18]
;;    58: ldr x16, [x16]
;;    5c: blr x16
;;    60: mov x19, x0
;;    64: add x16, x29, #0x10
;;    68: ldp x29, x30, [x29]
;;    6c: mov sp, x16
;;    70: ret
;;    74: mov w1, #0x9
;;    78: ldr x16, [x28, #0x20]
;;    7c: blr x16  ; trap site: wasm 0x1e
