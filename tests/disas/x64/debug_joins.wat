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
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov [rbp+0x18], ebx
;;     9: mov [rbp+0x10], esi
;;     c: lea rcx, [rbp-0x120]
;;    13: cmp rcx, [r14]
;;    16: jb 0xaa
;;    1c: lea rsp, [rbp-0x20]
;;    23: mov r15, [r14+8]
;;    27: mov r13, [r15+8]
;;    2b: test r13b, 1
;;    2f: jne 0x96
;;    35: mov rdi, rsi
;;    38: test edi, edi
;;    3a: jne 0x54
;;    40: test r13b, 2
;;    44: jne 0x9a
;;    4a: mov ebx, 0xffffffff
;;    4f: jmp 0x91
;;    54: test r13b, 4
;;    58: jne 0x9e
;;    5e: mov rdi, rsi
;;    61: mov r8, rbx
;;    64: cmp r8d, edi
;;    67: jge 0x7c
;;    6d: test r13b, 8
;;    71: jne 0xa2
;;    77: jmp 0x8e
;;    7c: test r13b, 0x10
;;    80: jne 0xa6
;;    86: mov rbx, rsi
;;    89: jmp 0x91
;;    8e: add ebx, 1
;;    91: mov rsp, rbp
;;    94: pop rbp
;;    95: ret
;;    96: call qword ptr [r15-8]  ; machine site 0 (resumes at 35)
;;    9a: call qword ptr [r15-8]  ; machine site 1 (resumes at 4a)
;;    9e: call qword ptr [r15-8]  ; machine site 2 (resumes at 5e)
;;    a2: call qword ptr [r15-8]  ; machine site 3 (resumes at 77)
;;    a6: call qword ptr [r15-8]  ; machine site 4 (resumes at 86)
;;    aa: mov r11d, 9
;;    b0: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
