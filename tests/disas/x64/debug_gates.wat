;;! debug = true
;; Debug code: the prologue loads the gate table and the function's site bits; a direct call
;; reloads the bits, an imported call both; the loop's back edge reloads the bits. Every machine
;; site here tests a bit of the bits register (r13 / x26) and calls the handler out of line.
(module
  (import "env" "host" (func $host))
  (func $leaf)
  (func $run (param $n i32)
    (call $leaf)
    (call $host)
    (loop $again
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $again (local.get $n)))))
;; function[1] $leaf:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x38
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov r15, [r14+8]
;;    21: mov r13, [r15+0x18]
;;    25: test r13b, 1
;;    29: jne 0x34
;;    2f: mov rsp, rbp
;;    32: pop rbp
;;    33: ret
;;    34: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;    38: mov r11d, 9
;;    3e: call qword ptr [r14+0x20]  ; trap site: wasm 0x29
;; function[2] $run:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0xc8
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov r15, [r14+8]
;;    21: mov r13, [r15+0x28]
;;    25: test r13b, 1
;;    29: jne 0xb4
;;    2f: lea rsp, [rbp-8]
;;    33: call 0x38  ; reloc: function[1]
;;    38: lea rsp, [rbp-0x20]
;;    3f: mov r13, [r15+0x28]
;;    43: test r13b, 2
;;    47: jne 0xb8
;;    4d: lea rsp, [rbp-8]
;;    51: mov rax, [r14+0x48]
;;    55: mov r14, [r14+0x50]
;;    59: call rax
;;    5b: mov r14, [rbp-8]
;;    5f: lea rsp, [rbp-0x20]
;;    66: mov r15, [r14+8]
;;    6a: mov r13, [r15+0x28]
;;    6e: test r13b, 4
;;    72: jne 0xbc
;;    78: mov ebx, [rbp+0x10]
;;    7b: test r13b, 8
;;    7f: jne 0xc0
;;    85: mov rsi, rbx
;;    88: sub esi, 1
;;    8b: mov [rbp+0x10], esi
;;    8e: mov rbx, rsi
;;    91: test ebx, ebx
;;    93: je 0xa5
;;    99: mov r13, [r15+0x28]
;;    9d: mov rbx, rsi
;;    a0: jmp 0x7b
;;    a5: test r13b, 0x10
;;    a9: jne 0xc4
;;    af: mov rsp, rbp
;;    b2: pop rbp
;;    b3: ret
;;    b4: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;    b8: call qword ptr [r15-8]  ; machine site 1 (resumes at 4d)
;;    bc: call qword ptr [r15-8]  ; machine site 2 (resumes at 78)
;;    c0: call qword ptr [r15-8]  ; machine site 3 (resumes at 85)
;;    c4: call qword ptr [r15-8]  ; machine site 4 (resumes at af)
;;    c8: mov r11d, 9
;;    ce: call qword ptr [r14+0x20]  ; trap site: wasm 0x2c
