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
;;     0: ldr x27, [x28, #0x8]
;;     4: ldr x26, [x27, #0x8]
;;     8: sub sp, sp, #0x20
;;     c: add x16, sp, #0x10
;;    10: stp x29, x30, [x16]
;;    14: mov x29, x16
;;    18: stur x28, [x29, #-0x8]
;;    1c: sub sp, x29, #0x20
;;    20: b 0x3c
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: nop
;;    38: nop
;;    3c: tbnz w26, #0x0, 0x98
;;    40: str w19, [x29, #0x18]
;;    44: str w20, [x29, #0x10]
;;    48: cbnz w20, 0x58
;;    4c: tbnz w26, #0x1, 0x9c
;;    50: mov w19, #0xffffffff
;;    54: b 0x7c
;;    58: tbnz w26, #0x2, 0xa0
;;    5c: cmp w19, w20
;;    60: b.ge 0x6c
;;    64: tbnz w26, #0x3, 0xa4
;;    68: b 0x78
;;    6c: tbnz w26, #0x4, 0xa8
;;    70: mov x19, x20
;;    74: b 0x7c
;;    78: add w19, w19, #0x1
;;    7c: add x16, x29, #0x10
;;    80: ldp x29, x30, [x29]
;;    84: mov sp, x16
;;    88: ret
;;    8c: mov w1, #0x9
;;    90: ldr x16, [x28, #0x20]
;;    94: blr x16  ; trap site: wasm 0x19
;;    98: bl 0xac  ; machine site 0 (resumes at 40)
;;    9c: bl 0xac  ; machine site 1 (resumes at 50)
;;    a0: bl 0xac  ; machine site 2 (resumes at 5c)
;;    a4: bl 0xac  ; machine site 3 (resumes at 68)
;;    a8: bl 0xac  ; machine site 4 (resumes at 70)
;;    ac: ldur x16, [x27, #-0x8]
;;    b0: br x16
