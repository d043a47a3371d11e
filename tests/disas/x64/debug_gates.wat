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
;;    10: jb 0xb2
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov r15, [r14+8]
;;    21: mov r13, [r15+0x28]
;;    25: test r13b, 1
;;    29: jne 0x9e
;;    2f: call 0x34  ; reloc: function[1]
;;    34: mov r13, [r15+0x28]
;;    38: test r13b, 2
;;    3c: jne 0xa2
;;    42: mov rax, [r14+0x48]
;;    46: mov r14, [r14+0x50]
;;    4a: call rax
;;    4c: mov r14, [rbp-8]
;;    50: mov r15, [r14+8]
;;    54: mov r13, [r15+0x28]
;;    58: test r13b, 4
;;    5c: jne 0xa6
;;    62: mov ebx, [rbp+0x10]
;;    65: test r13b, 8
;;    69: jne 0xaa
;;    6f: mov rsi, rbx
;;    72: sub esi, 1
;;    75: mov [rbp+0x10], esi
;;    78: mov rbx, rsi
;;    7b: test ebx, ebx
;;    7d: je 0x8f
;;    83: mov r13, [r15+0x28]
;;    87: mov rbx, rsi
;;    8a: jmp 0x65
;;    8f: test r13b, 0x10
;;    93: jne 0xae
;;    99: mov rsp, rbp
;;    9c: pop rbp
;;    9d: ret
;;    9e: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;    a2: call qword ptr [r15-8]  ; machine site 1 (resumes at 42)
;;    a6: call qword ptr [r15-8]  ; machine site 2 (resumes at 62)
;;    aa: call qword ptr [r15-8]  ; machine site 3 (resumes at 6f)
;;    ae: call qword ptr [r15-8]  ; machine site 4 (resumes at 99)
;;    b2: mov r11d, 9
;;    b8: call qword ptr [r14+0x20]  ; trap site: wasm 0x2c
