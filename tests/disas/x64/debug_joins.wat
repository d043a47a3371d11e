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
;;     0: mov r15, [r14+8]
;;     4: mov r13, [r15+8]
;;     8: push rbp
;;     9: mov rbp, rsp
;;     c: push r14
;;     e: jmp short 0x1e
;;    10: nop [rax]
;;    17: nop [rax]
;;    1e: lea rsp, [rbp-0x20]
;;    25: test r13b, 1
;;    29: jne 0x8c
;;    2f: mov [rbp+0x18], ebx
;;    32: mov [rbp+0x10], esi
;;    35: test esi, esi
;;    37: jne 0x51
;;    3d: test r13b, 2
;;    41: jne 0x90
;;    47: mov ebx, 0xffffffff
;;    4c: mov rsp, rbp
;;    4f: pop rbp
;;    50: ret
;;    51: test r13b, 4
;;    55: jne 0x94
;;    5b: cmp ebx, esi
;;    5d: jge 0x72
;;    63: test r13b, 8
;;    67: jne 0x98
;;    6d: jmp 0x84
;;    72: test r13b, 0x10
;;    76: jne 0x9c
;;    7c: mov rbx, rsi
;;    7f: mov rsp, rbp
;;    82: pop rbp
;;    83: ret
;;    84: add ebx, 1
;;    87: mov rsp, rbp
;;    8a: pop rbp
;;    8b: ret
;;    8c: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;    90: call qword ptr [r15-8]  ; machine site 1 (resumes at 47)
;;    94: call qword ptr [r15-8]  ; machine site 2 (resumes at 5b)
;;    98: call qword ptr [r15-8]  ; machine site 3 (resumes at 6d)
;;    9c: call qword ptr [r15-8]  ; machine site 4 (resumes at 7c)
;;    a0: mov r11d, 9
;;    a6: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
