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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov rdi, rsi
;;    20: mov r8, rbx
;;    23: test edi, edi
;;    26: je 0x58
;;    2c: mov eax, r8d
;;    2f: cmp edi, 0xffffffff
;;    32: jne short 0x3f
;;    34: neg eax
;;    37: jo 0x62
;;    3d: jmp short 0x43
;;    3f: cdq
;;    40: idiv edi
;;    43: mov r8d, eax
;;    46: mov rbx, r8
;;    49: mov rsp, rbp
;;    4c: pop rbp
;;    4d: ret
;;    4e: mov r11d, 9
;;    54: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;;    58: mov r11d, 2
;;    5e: call qword ptr [r14+0x20]  ; trap site: wasm 0x25
;;    62: mov r11d, 3
;;    68: call qword ptr [r14+0x20]  ; trap site: wasm 0x25
;; function[1] $rem_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov rdi, rsi
;;    20: mov r8, rbx
;;    23: test rdi, rdi
;;    26: je 0x49
;;    2c: mov rax, r8
;;    2f: xor edx, edx
;;    31: div rdi
;;    34: mov r8, rdx
;;    37: mov rbx, r8
;;    3a: mov rsp, rbp
;;    3d: pop rbp
;;    3e: ret
;;    3f: mov r11d, 9
;;    45: call qword ptr [r14+0x20]  ; trap site: wasm 0x28
;;    49: mov r11d, 2
;;    4f: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
