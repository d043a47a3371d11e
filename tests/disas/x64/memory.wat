;; Bounds-checked loads and stores of several widths and offsets, and memory.size.
(module
  (memory 1)
  (func $copy (param $from i32) (param $to i32) (result i32)
    (i64.store8 offset=1 (local.get $to) (i64.load8_s (local.get $from)))
    (f32.store offset=8 (local.get $to) (f32.load (local.get $from)))
    (i32.store16 (local.get $to) (i32.load offset=4 (local.get $from)))
    (memory.size)))
;; function[0] $copy:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov r8, [r14+0x48]
;;    21: mov r8, [r8]
;;    24: mov r9, [r14+0x48]
;;    28: mov r9, [r9+8]
;;    2c: mov eax, ebx
;;    2e: lea rdx, [rax+1]
;;    32: cmp rdx, r9
;;    35: ja 0xc8
;;    3b: movsx rdi, byte ptr [r8+rax]
;;    41: mov eax, esi
;;    43: lea rdx, [rax+2]
;;    47: cmp rdx, r9
;;    4a: ja 0xcd
;;    50: mov [r8+rax+1], dil
;;    55: mov eax, ebx
;;    57: lea rdx, [rax+4]
;;    5b: cmp rdx, r9
;;    5e: ja 0xd2
;;    64: movss xmm0, [r8+rax]
;;    6b: mov eax, esi
;;    6d: lea rdx, [rax+0xc]
;;    71: cmp rdx, r9
;;    74: ja 0xd7
;;    7a: movss [r8+rax+8], xmm0
;;    81: mov eax, ebx
;;    83: lea rdx, [rax+8]
;;    87: cmp rdx, r9
;;    8a: ja 0xdc
;;    90: mov edi, [r8+rax+4]
;;    95: mov eax, esi
;;    97: lea rdx, [rax+2]
;;    9b: cmp rdx, r9
;;    9e: ja 0xe1
;;    a4: mov [r8+rax], di
;;    aa: mov rdi, [r14+0x48]
;;    ae: mov rdi, [rdi+8]
;;    b2: shr rdi, 0x10
;;    b6: mov rbx, rdi
;;    b9: mov rsp, rbp
;;    bc: pop rbp
;;    bd: ret
;;    be: mov r11d, 9
;;    c4: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
;;    c8: call 0xe6  ; trap site: wasm 0x23
;;    cd: call 0xe6  ; trap site: wasm 0x26
;;    d2: call 0xe6  ; trap site: wasm 0x2d
;;    d7: call 0xe6  ; trap site: wasm 0x30
;;    dc: call 0xe6  ; trap site: wasm 0x37
;;    e1: call 0xe6  ; trap site: wasm 0x3a
;;    e6: mov r11d, 5
;;    ec: jmp qword ptr [r14+0x20]
