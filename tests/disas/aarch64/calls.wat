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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x54
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x10]
;;    3c: add w19, w19, #0x1
;;    40: str w19, [x29, #0x10]
;;    44: add x16, x29, #0x10
;;    48: ldp x29, x30, [x29]
;;    4c: mov sp, x16
;;    50: ret
;;    54: mov w1, #0x9
;;    58: ldr x16, [x28, #0x20]
;;    5c: blr x16  ; trap site: wasm 0x27
;; function[2] $caller:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x94
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: ldr w19, [x29, #0x10]
;;    3c: stur w19, [x29, #-0x10]
;;    40: sub sp, x29, #0x10
;;    44: bl 0x44  ; reloc: function[1]
;;    48: mov x16, #0x20
;;    4c: movk x16, #0x0, lsl #16
;;    50: sub x16, x29, x16
;;    54: and sp, x16, #0xfffffffffffffff0
;;    58: sub sp, x29, #0x10
;;    5c: ldr x16, [x28, #0x48]
;;    60: ldr x28, [x28, #0x50]
;;    64: blr x16
;;    68: ldur x28, [x29, #-0x8]
;;    6c: mov x16, #0x20
;;    70: movk x16, #0x0, lsl #16
;;    74: sub x16, x29, x16
;;    78: and sp, x16, #0xfffffffffffffff0
;;    7c: ldur w19, [x29, #-0x10]
;;    80: str w19, [x29, #0x10]
;;    84: add x16, x29, #0x10
;;    88: ldp x29, x30, [x29]
;;    8c: mov sp, x16
;;    90: ret
;;    94: mov w1, #0x9
;;    98: ldr x16, [x28, #0x20]
;;    9c: blr x16  ; trap site: wasm 0x2f
