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
;;    2c: b.lo 0xa4
;;    30: add x16, x16, #0x100
;;    34: and sp, x16, #0xfffffffffffffff0
;;    38: stur xzr, [x29, #-0x10]
;;    3c: ldr w19, [x29, #0x10]
;;    40: cmp w19, #0x0
;;    44: cset w19, eq
;;    48: cbnz w19, 0x6c
;;    4c: ldr w19, [x29, #0x10]
;;    50: ldur w20, [x29, #-0x10]
;;    54: add w20, w20, w19
;;    58: stur w20, [x29, #-0x10]
;;    5c: ldr w19, [x29, #0x10]
;;    60: sub w19, w19, #0x1
;;    64: str w19, [x29, #0x10]
;;    68: b 0x3c
;;    6c: ldur w19, [x29, #-0x10]
;;    70: cmp w19, #0x0
;;    74: cset w19, lt
;;    78: cbz w19, 0x80
;;    7c: b 0xb0
;;    80: ldur w19, [x29, #-0x10]
;;    84: stur w19, [x29, #-0x18]
;;    88: ldur w19, [x29, #-0x18]
;;    8c: str w19, [x29, #0x10]
;;    90: b 0x94
;;    94: add x16, x29, #0x10
;;    98: ldp x29, x30, [x29]
;;    9c: mov sp, x16
;;    a0: ret
;;    a4: mov w1, #0x9
;;    a8: ldr x16, [x28, #0x20]
;;    ac: blr x16  ; trap site: wasm 0x18
;;    b0: mov w1, #0x1
;;    b4: ldr x16, [x28, #0x20]
;;    b8: blr x16  ; trap site: wasm 0x3d
