;; block, loop, br, br_if, if/else, return and unreachable.
(module
  (func $sum_to (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (if (result i32) (i32.lt_s (local.get $acc) (i32.const 0))
      (then (unreachable))
      (else (return (local.get $acc))))))
;; function[0] $sum_to:
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
;;    28: b.lo 0x94
;;    2c: add x16, x16, #0x100
;;    30: and sp, x16, #0xfffffffffffffff0
;;    34: stur xzr, [x29, #-0x10]
;;    38: ldr w19, [x29, #0x10]
;;    3c: ldur w20, [x29, #-0x10]
;;    40: cbz w19, 0x68
;;    44: mov x21, x20
;;    48: add w21, w21, w19
;;    4c: stur w21, [x29, #-0x10]
;;    50: mov x20, x19
;;    54: sub w20, w20, #0x1
;;    58: str w20, [x29, #0x10]
;;    5c: mov x19, x20
;;    60: ldur w20, [x29, #-0x10]
;;    64: b 0x40
;;    68: cmp w20, #0x0
;;    6c: b.ge 0x74
;;    70: b 0xa0
;;    74: stur w20, [x29, #-0x18]
;;    78: ldur w21, [x29, #-0x18]
;;    7c: str w21, [x29, #0x10]
;;    80: b 0x84
;;    84: add x16, x29, #0x10
;;    88: ldp x29, x30, [x29]
;;    8c: mov sp, x16
;;    90: ret
;;    94: mov w1, #0x9
;;    98: ldr x16, [x28, #0x20]
;;    9c: blr x16  ; trap site: wasm 0x18
;;    a0: mov w1, #0x1
;;    a4: ldr x16, [x28, #0x20]
;;    a8: blr x16  ; trap site: wasm 0x3d
