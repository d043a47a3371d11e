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
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x4c
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x10]
;;    20: mov esi, [rbp+0x18]
;;    23: test ebx, ebx
;;    26: je 0x56
;;    2c: mov eax, esi
;;    2e: cmp ebx, 0xffffffff
;;    31: jne short 0x3e
;;    33: neg eax
;;    36: jo 0x60
;;    3c: jmp short 0x42
;;    3e: cdq
;;    3f: idiv ebx
;;    42: mov esi, eax
;;    44: mov [rbp+0x18], esi
;;    47: mov rsp, rbp
;;    4a: pop rbp
;;    4b: ret
;;    4c: mov r11d, 9
;;    52: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;;    56: mov r11d, 2
;;    5c: call qword ptr [r14+0x20]  ; trap site: wasm 0x25
;;    60: mov r11d, 3
;;    66: call qword ptr [r14+0x20]  ; trap site: wasm 0x25
;; function[1] $rem_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x42
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov rbx, [rbp+0x10]
;;    21: mov rsi, [rbp+0x18]
;;    25: test rbx, rbx
;;    28: je 0x4c
;;    2e: mov rax, rsi
;;    31: xor edx, edx
;;    33: div rbx
;;    36: mov rsi, rdx
;;    39: mov [rbp+0x18], rsi
;;    3d: mov rsp, rbp
;;    40: pop rbp
;;    41: ret
;;    42: mov r11d, 9
;;    48: call qword ptr [r14+0x20]  ; trap site: wasm 0x28
;;    4c: mov r11d, 2
;;    52: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
