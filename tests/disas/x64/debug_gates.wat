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
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x110]
;;    11: cmp rcx, [rax]
;;    15: jb 0x3d
;;    1b: lea rsp, [rbp-0x10]
;;    22: mov r15, [r14+8]
;;    26: mov r13, [r15+0x18]
;;    2a: test r13b, 1
;;    2e: jne 0x39
;;    34: mov rsp, rbp
;;    37: pop rbp
;;    38: ret
;;    39: call qword ptr [r15-8]  ; machine site 0 (resumes at 34)
;;    3d: mov r11d, 9
;;    43: call qword ptr [r14+0x20]  ; trap site: wasm 0x29
;; function[2] $run:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0xcd
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov r15, [r14+8]
;;    26: mov r13, [r15+0x28]
;;    2a: test r13b, 1
;;    2e: jne 0xb9
;;    34: lea rsp, [rbp-8]
;;    38: call 0x3d  ; reloc: function[1]
;;    3d: lea rsp, [rbp-0x20]
;;    44: mov r13, [r15+0x28]
;;    48: test r13b, 2
;;    4c: jne 0xbd
;;    52: lea rsp, [rbp-8]
;;    56: mov rax, [r14+0x48]
;;    5a: mov r14, [r14+0x50]
;;    5e: call rax
;;    60: mov r14, [rbp-8]
;;    64: lea rsp, [rbp-0x20]
;;    6b: mov r15, [r14+8]
;;    6f: mov r13, [r15+0x28]
;;    73: test r13b, 4
;;    77: jne 0xc1
;;    7d: mov ebx, [rbp+0x10]
;;    80: test r13b, 8
;;    84: jne 0xc5
;;    8a: mov rsi, rbx
;;    8d: sub esi, 1
;;    90: mov [rbp+0x10], esi
;;    93: mov rbx, rsi
;;    96: test ebx, ebx
;;    98: je 0xaa
;;    9e: mov r13, [r15+0x28]
;;    a2: mov rbx, rsi
;;    a5: jmp 0x80
;;    aa: test r13b, 0x10
;;    ae: jne 0xc9
;;    b4: mov rsp, rbp
;;    b7: pop rbp
;;    b8: ret
;;    b9: call qword ptr [r15-8]  ; machine site 0 (resumes at 34)
;;    bd: call qword ptr [r15-8]  ; machine site 1 (resumes at 52)
;;    c1: call qword ptr [r15-8]  ; machine site 2 (resumes at 7d)
;;    c5: call qword ptr [r15-8]  ; machine site 3 (resumes at 8a)
;;    c9: call qword ptr [r15-8]  ; machine site 4 (resumes at b4)
;;    cd: mov r11d, 9
;;    d3: call qword ptr [r14+0x20]  ; trap site: wasm 0x2c
