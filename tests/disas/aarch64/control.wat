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
;;    14: sub sp, x29, #0x20
;;    18: b 0x34
;;    1c: nop
;;    20: nop
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: stur xzr, [x29, #-0x10]
;;    38: str w19, [x29, #0x10]
;;    3c: ldur w20, [x29, #-0x10]
;;    40: cbnz w19, 0x50
;;    44: stur w20, [x29, #-0x10]
;;    48: str w19, [x29, #0x10]
;;    4c: b 0x5c
;;    50: add w20, w20, w19
;;    54: sub w19, w19, #0x1
;;    58: b 0x40
;;    5c: cmp w20, #0x0
;;    60: b.ge 0x68
;;    64: b 0x90
;;    68: stur w20, [x29, #-0x18]
;;    6c: ldur w19, [x29, #-0x18]
;;    70: b 0x74
;;    74: add x16, x29, #0x10
;;    78: ldp x29, x30, [x29]
;;    7c: mov sp, x16
;;    80: ret
;;    84: mov w1, #0x9
;;    88: ldr x16, [x28, #0x20]
;;    8c: blr x16  ; trap site: wasm 0x18
;;    90: mov w1, #0x1
;;    94: ldr x16, [x28, #0x20]
;;    98: blr x16  ; trap site: wasm 0x3d
