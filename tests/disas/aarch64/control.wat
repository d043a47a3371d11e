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
;;    14: ldr x9, [x28, #0x10]
;;    18: ldr x9, [x9]
;;    1c: mov x16, #0x120
;;    20: movk x16, #0x0, lsl #16
;;    24: sub x16, x29, x16
;;    28: cmp x16, x9
;;    2c: b.lo 0x98
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: stur xzr, [x29, #-0x10]
;;    3c: ldr w19, [x29, #0x10]
;;    40: ldur w20, [x29, #-0x10]
;;    44: cbz w19, 0x6c
;;    48: mov x21, x20
;;    4c: add w21, w21, w19
;;    50: stur w21, [x29, #-0x10]
;;    54: mov x20, x19
;;    58: sub w20, w20, #0x1
;;    5c: str w20, [x29, #0x10]
;;    60: mov x19, x20
;;    64: ldur w20, [x29, #-0x10]
;;    68: b 0x44
;;    6c: cmp w20, #0x0
;;    70: b.ge 0x78
;;    74: b 0xa4
;;    78: stur w20, [x29, #-0x18]
;;    7c: ldur w21, [x29, #-0x18]
;;    80: str w21, [x29, #0x10]
;;    84: b 0x88
;;    88: add x16, x29, #0x10
;;    8c: ldp x29, x30, [x29]
;;    90: mov sp, x16
;;    94: ret
;;    98: mov w1, #0x9
;;    9c: ldr x16, [x28, #0x20]
;;    a0: blr x16  ; trap site: wasm 0x18
;;    a4: mov w1, #0x1
;;    a8: ldr x16, [x28, #0x20]
;;    ac: blr x16  ; trap site: wasm 0x3d
