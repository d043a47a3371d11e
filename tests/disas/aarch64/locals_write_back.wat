;; Locals in code without debugging: `local.set` leaves the value in a register, written to
;; the slot only when that register is needed or before a branch or call (the chain below
;; stores nothing until the `br_if`). A loop that calls keeps at its header only the locals
;; it reads before writing them: $n (read only outside the inner loop) and $y (written
;; before it is read) are not reloaded after each call.
(module
  (func $f (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $chain (param $a i32) (param $b i32) (result i32)
    (local.set $a (i32.add (local.get $a) (local.get $b)))
    (local.set $b (i32.xor (local.get $b) (local.get $a)))
    (local.set $a (i32.rotl (local.get $a) (i32.const 7)))
    (drop (br_if 0 (local.get $a) (local.get $b)))
    (i32.add (local.get $a) (local.get $b)))
  (func $loop_calls (param $n i32) (param $x i32) (result i32) (local $y i32) (local $i i32)
    (loop $outer
      (loop $inner
        (local.set $y (i32.add (local.get $x) (i32.const 1)))
        (local.set $x (call $f (local.get $y) (local.get $i)))
        (br_if $inner (local.get $x)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $x)))
;; function[0] $f:
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
;;    34: add w19, w19, w20
;;    38: add x16, x29, #0x10
;;    3c: ldp x29, x30, [x29]
;;    40: mov sp, x16
;;    44: ret
;;    48: mov w1, #0x9
;;    4c: ldr x16, [x28, #0x20]
;;    50: blr x16  ; trap site: wasm 0x1b
;; function[1] $chain:
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
;;    34: add w19, w19, w20
;;    38: eor w20, w20, w19
;;    3c: ror w19, w19, #0x19
;;    40: stur w19, [x29, #-0x10]
;;    44: cbz w20, 0x50
;;    48: ldur w19, [x29, #-0x10]
;;    4c: b 0x54
;;    50: add w19, w19, w20
;;    54: add x16, x29, #0x10
;;    58: ldp x29, x30, [x29]
;;    5c: mov sp, x16
;;    60: ret
;;    64: mov w1, #0x9
;;    68: ldr x16, [x28, #0x20]
;;    6c: blr x16  ; trap site: wasm 0x23
;; function[2] $loop_calls:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: ldr x9, [x28]
;;    18: mov x16, #0x140
;;    1c: movk x16, #0x0, lsl #16
;;    20: sub x16, x29, x16
;;    24: cmp x16, x9
;;    28: b.lo 0xa8
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: stur xzr, [x29, #-0x18]
;;    38: stur xzr, [x29, #-0x10]
;;    3c: str w19, [x29, #0x18]
;;    40: str w20, [x29, #0x10]
;;    44: ldur w21, [x29, #-0x18]
;;    48: ldur w22, [x29, #-0x10]
;;    4c: add w19, w20, #0x1
;;    50: stur w19, [x29, #-0x10]
;;    54: mov x20, x21
;;    58: bl 0x58  ; reloc: function[0]
;;    5c: ldur w21, [x29, #-0x18]
;;    60: mov x20, x19
;;    64: cbz w19, 0x70
;;    68: str w20, [x29, #0x10]
;;    6c: b 0x4c
;;    70: add w21, w21, #0x1
;;    74: ldr w19, [x29, #0x18]
;;    78: ldur w22, [x29, #-0x10]
;;    7c: cmp w21, w19
;;    80: b.hs 0x90
;;    84: str w20, [x29, #0x10]
;;    88: stur w21, [x29, #-0x18]
;;    8c: b 0x4c
;;    90: stur w20, [x29, #-0x20]
;;    94: ldur w19, [x29, #-0x20]
;;    98: add x16, x29, #0x10
;;    9c: ldp x29, x30, [x29]
;;    a0: mov sp, x16
;;    a4: ret
;;    a8: mov w1, #0x9
;;    ac: ldr x16, [x28, #0x20]
;;    b0: blr x16  ; trap site: wasm 0x47
