;; Division and remainder: divide-by-zero and overflow checks branch to trap stubs in the tail.
(module
  (func $div_s (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $rem_u (param i64 i64) (result i64)
    (i64.rem_u (local.get 0) (local.get 1))))
;; function[0] $div_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x51
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x10]
;;    25: mov esi, [rbp+0x18]
;;    28: test ebx, ebx
;;    2b: je 0x5b
;;    31: mov eax, esi
;;    33: cmp ebx, 0xffffffff
;;    36: jne short 0x43
;;    38: neg eax
;;    3b: jo 0x65
;;    41: jmp short 0x47
;;    43: cdq
;;    44: idiv ebx
;;    47: mov esi, eax
;;    49: mov [rbp+0x18], esi
;;    4c: mov rsp, rbp
;;    4f: pop rbp
;;    50: ret
;;    51: mov r11d, 9
;;    57: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;;    5b: mov r11d, 2
;;    61: call qword ptr [r14+0x20]  ; trap site: wasm 0x25
;;    65: mov r11d, 3
;;    6b: call qword ptr [r14+0x20]  ; trap site: wasm 0x25
;; function[1] $rem_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x47
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov rbx, [rbp+0x10]
;;    26: mov rsi, [rbp+0x18]
;;    2a: test rbx, rbx
;;    2d: je 0x51
;;    33: mov rax, rsi
;;    36: xor edx, edx
;;    38: div rbx
;;    3b: mov rsi, rdx
;;    3e: mov [rbp+0x18], rsi
;;    42: mov rsp, rbp
;;    45: pop rbp
;;    46: ret
;;    47: mov r11d, 9
;;    4d: call qword ptr [r14+0x20]  ; trap site: wasm 0x28
;;    51: mov r11d, 2
;;    57: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
