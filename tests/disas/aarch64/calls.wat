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
;;    14: sub sp, x29, #0x20
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: add w19, w19, #0x1
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x27
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
;;    28: b.lo 0x5c
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: str w19, [x29, #0x10]
;;    38: bl 0x38  ; reloc: function[1]
;;    3c: ldr x16, [x28, #0x48]
;;    40: ldr x28, [x28, #0x50]
;;    44: blr x16
;;    48: ldur x28, [x29, #-0x8]
;;    4c: add x16, x29, #0x10
;;    50: ldp x29, x30, [x29]
;;    54: mov sp, x16
;;    58: ret
;;    5c: mov w1, #0x9
;;    60: ldr x16, [x28, #0x20]
;;    64: blr x16  ; trap site: wasm 0x2f
