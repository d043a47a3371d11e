;; A direct call (a relocation placeholder until linking) and a call of an imported function
;; (through its function reference in the vmctx).
(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (func $callee (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func $caller (param $x i32) (result i32)
    (call $host (call $callee (local.get $x)))))
;; function[1] $callee:
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
;;    28: b.lo 0x50
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x10]
;;    38: add w19, w19, #0x1
;;    3c: str w19, [x29, #0x10]
;;    40: add x16, x29, #0x10
;;    44: ldp x29, x30, [x29]
;;    48: mov sp, x16
;;    4c: ret
;;    50: mov w1, #0x9
;;    54: ldr x16, [x28, #0x20]
;;    58: blr x16  ; trap site: wasm 0x27
;; function[2] $caller:
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
;;    28: b.lo 0x70
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: ldr w19, [x29, #0x10]
;;    38: str w19, [sp]
;;    3c: bl 0x3c  ; reloc: function[1]
;;    40: ldr w19, [sp]
;;    44: str w19, [sp]
;;    48: ldr x16, [x28, #0x48]
;;    4c: ldr x28, [x28, #0x50]
;;    50: blr x16
;;    54: ldur x28, [x29, #-0x8]
;;    58: ldr w19, [sp]
;;    5c: str w19, [x29, #0x10]
;;    60: add x16, x29, #0x10
;;    64: ldp x29, x30, [x29]
;;    68: mov sp, x16
;;    6c: ret
;;    70: mov w1, #0x9
;;    74: ldr x16, [x28, #0x20]
;;    78: blr x16  ; trap site: wasm 0x2f
