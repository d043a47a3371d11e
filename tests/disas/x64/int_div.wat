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
;;     6: mov [rbp+0x18], ebx
;;     9: mov [rbp+0x10], esi
;;     c: lea rcx, [rbp-0x120]
;;    13: cmp rcx, [r14]
;;    16: jb 0x54
;;    1c: lea rsp, [rbp-0x20]
;;    23: mov rdi, rsi
;;    26: mov r8, rbx
;;    29: test edi, edi
;;    2c: je 0x5e
;;    32: mov eax, r8d
;;    35: cmp edi, 0xffffffff
;;    38: jne short 0x45
;;    3a: neg eax
;;    3d: jo 0x68
;;    43: jmp short 0x49
;;    45: cdq
;;    46: idiv edi
;;    49: mov r8d, eax
;;    4c: mov rbx, r8
;;    4f: mov rsp, rbp
;;    52: pop rbp
;;    53: ret
;;    54: mov r11d, 9
;;    5a: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;;    5e: mov r11d, 2
;;    64: call qword ptr [r14+0x20]  ; trap site: wasm 0x25
;;    68: mov r11d, 3
;;    6e: call qword ptr [r14+0x20]  ; trap site: wasm 0x25
;; function[1] $rem_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov [rbp+0x18], rbx
;;     a: mov [rbp+0x10], rsi
;;     e: lea rcx, [rbp-0x120]
;;    15: cmp rcx, [r14]
;;    18: jb 0x47
;;    1e: lea rsp, [rbp-0x20]
;;    25: mov rdi, rsi
;;    28: mov r8, rbx
;;    2b: test rdi, rdi
;;    2e: je 0x51
;;    34: mov rax, r8
;;    37: xor edx, edx
;;    39: div rdi
;;    3c: mov r8, rdx
;;    3f: mov rbx, r8
;;    42: mov rsp, rbp
;;    45: pop rbp
;;    46: ret
;;    47: mov r11d, 9
;;    4d: call qword ptr [r14+0x20]  ; trap site: wasm 0x28
;;    51: mov r11d, 2
;;    57: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
