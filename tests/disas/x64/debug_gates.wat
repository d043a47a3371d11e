;;! debug = true
;; Debug code: the gate table and the function's site bits are loaded before the prologue
;; ($leaf, a single-site function, tests the fast-entry bit: `call_indirect` may enter it past
;; the loads, testing its caller's bits); a direct call
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
;;     0: mov r15, [r14+8]
;;     4: mov r13, [r15+0x18]
;;     8: push rbp
;;     9: mov rbp, rsp
;;     c: push r14
;;     e: jmp short 0x1e
;;    10: nop [rax]
;;    17: nop [rax]
;;    1e: lea rsp, [rbp-0x10]
;;    25: test r13b, 0x80
;;    29: jne 0x34
;;    2f: mov rsp, rbp
;;    32: pop rbp
;;    33: ret
;;    34: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;    38: mov r11d, 9
;;    3e: call qword ptr [r14+0x20]  ; trap site: wasm 0x29
;; function[2] $run:
;;     0: mov r15, [r14+8]
;;     4: mov r13, [r15+0x28]
;;     8: push rbp
;;     9: mov rbp, rsp
;;     c: push r14
;;     e: lea rcx, [rbp-0x120]
;;    15: cmp rcx, [r14]
;;    18: jb 0xb4
;;    1e: lea rsp, [rbp-0x20]
;;    25: test r13b, 1
;;    29: jne 0xa0
;;    2f: mov [rbp+0x10], ebx
;;    32: call 0x37  ; reloc: function[1]
;;    37: mov r13, [r15+0x28]
;;    3b: test r13b, 2
;;    3f: jne 0xa4
;;    45: mov rax, [r14+0x48]
;;    49: mov r14, [r14+0x50]
;;    4d: call rax
;;    4f: mov r14, [rbp-8]
;;    53: mov r15, [r14+8]
;;    57: mov r13, [r15+0x28]
;;    5b: test r13b, 4
;;    5f: jne 0xa8
;;    65: mov ebx, [rbp+0x10]
;;    68: test r13b, 8
;;    6c: jne 0xac
;;    72: lea esi, [rbx-1]
;;    77: mov rbx, rsi
;;    7a: test ebx, ebx
;;    7c: je 0x91
;;    82: mov r13, [r15+0x28]
;;    86: mov [rbp+0x10], esi
;;    89: mov rbx, rsi
;;    8c: jmp 0x68
;;    91: test r13b, 0x10
;;    95: jne 0xb0
;;    9b: mov rsp, rbp
;;    9e: pop rbp
;;    9f: ret
;;    a0: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;    a4: call qword ptr [r15-8]  ; machine site 1 (resumes at 45)
;;    a8: call qword ptr [r15-8]  ; machine site 2 (resumes at 65)
;;    ac: call qword ptr [r15-8]  ; machine site 3 (resumes at 72)
;;    b0: call qword ptr [r15-8]  ; machine site 4 (resumes at 9b)
;;    b4: mov r11d, 9
;;    ba: call qword ptr [r14+0x20]  ; trap site: wasm 0x2c
