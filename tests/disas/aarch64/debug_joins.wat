;;! debug = true
;; Debug code at joins: an if's targets (its else branch, and the end of an if without else)
;; are reached by a conditional branch and get machine sites; the end of an if/else, the end
;; of a block left by `br` and the function's exit are reached only by unconditional branches
;; and the fall-through, which the slow path follows: no site there. The result stays in its
;; register up to the exit.
(module
  (func $f (param $a i32) (param $b i32) (result i32)
    (if (i32.eqz (local.get $b)) (then (return (i32.const -1))))
    (block $done (result i32)
      (if (result i32) (i32.lt_s (local.get $a) (local.get $b))
        (then (local.get $a))
        (else (br $done (local.get $b))))
      (i32.const 1)
      (i32.add))))
;; function[0] $f:
;;     0: sub sp, sp, #0x20
;;     4: add x16, sp, #0x10
;;     8: stp x29, x30, [x16]
;;     c: mov x29, x16
;;    10: stur x28, [x29, #-0x8]
;;    14: str w19, [x29, #0x18]
;;    18: str w20, [x29, #0x10]
;;    1c: ldr x9, [x28]
;;    20: mov x16, #0x120
;;    24: movk x16, #0x0, lsl #16
;;    28: sub x16, x29, x16
;;    2c: cmp x16, x9
;;    30: b.lo 0x98
;;    34: add x16, x16, #0x100
;;    38: and sp, x16, #0xfffffffffffffff0
;;    3c: ldr x27, [x28, #0x8]
;;    40: ldr x26, [x27, #0x8]
;;    44: tbnz w26, #0x0, 0xa4
;;    48: mov x21, x20
;;    4c: cbnz w21, 0x5c
;;    50: tbnz w26, #0x1, 0xa8
;;    54: mov w19, #0xffffffff
;;    58: b 0x88
;;    5c: tbnz w26, #0x2, 0xac
;;    60: mov x21, x20
;;    64: mov x22, x19
;;    68: cmp w22, w21
;;    6c: b.ge 0x78
;;    70: tbnz w26, #0x3, 0xb0
;;    74: b 0x84
;;    78: tbnz w26, #0x4, 0xb4
;;    7c: mov x19, x20
;;    80: b 0x88
;;    84: add w19, w19, #0x1
;;    88: add x16, x29, #0x10
;;    8c: ldp x29, x30, [x29]
;;    90: mov sp, x16
;;    94: ret
;;    98: mov w1, #0x9
;;    9c: ldr x16, [x28, #0x20]
;;    a0: blr x16  ; trap site: wasm 0x19
;;    a4: bl 0xb8  ; machine site 0 (resumes at 48)
;;    a8: bl 0xb8  ; machine site 1 (resumes at 54)
;;    ac: bl 0xb8  ; machine site 2 (resumes at 60)
;;    b0: bl 0xb8  ; machine site 3 (resumes at 74)
;;    b4: bl 0xb8  ; machine site 4 (resumes at 7c)
;;    b8: ldur x16, [x27, #-0x8]
;;    bc: br x16
