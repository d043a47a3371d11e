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
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0xc8
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x18]
;;    20: mov rdi, [r14+0x48]
;;    24: mov rdi, [rdi]
;;    27: mov r8, [r14+0x48]
;;    2b: mov r8, [r8+8]
;;    2f: mov eax, ebx
;;    31: lea rdx, [rax+1]
;;    35: cmp rdx, r8
;;    38: ja 0xd2
;;    3e: movsx rsi, byte ptr [rdi+rax]
;;    44: mov r9d, [rbp+0x10]
;;    48: mov eax, r9d
;;    4b: lea rdx, [rax+2]
;;    4f: cmp rdx, r8
;;    52: ja 0xd7
;;    58: mov [rdi+rax+1], sil
;;    5d: mov eax, ebx
;;    5f: lea rdx, [rax+4]
;;    63: cmp rdx, r8
;;    66: ja 0xdc
;;    6c: movss xmm0, [rdi+rax]
;;    73: mov eax, r9d
;;    76: lea rdx, [rax+0xc]
;;    7a: cmp rdx, r8
;;    7d: ja 0xe1
;;    83: movss [rdi+rax+8], xmm0
;;    8a: mov eax, ebx
;;    8c: lea rdx, [rax+8]
;;    90: cmp rdx, r8
;;    93: ja 0xe6
;;    99: mov esi, [rdi+rax+4]
;;    9e: mov eax, r9d
;;    a1: lea rdx, [rax+2]
;;    a5: cmp rdx, r8
;;    a8: ja 0xeb
;;    ae: mov [rdi+rax], si
;;    b4: mov rsi, [r14+0x48]
;;    b8: mov rsi, [rsi+8]
;;    bc: shr rsi, 0x10
;;    c0: mov [rbp+0x18], esi
;;    c3: mov rsp, rbp
;;    c6: pop rbp
;;    c7: ret
;;    c8: mov r11d, 9
;;    ce: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
;;    d2: call 0xf0  ; trap site: wasm 0x23
;;    d7: call 0xf0  ; trap site: wasm 0x26
;;    dc: call 0xf0  ; trap site: wasm 0x2d
;;    e1: call 0xf0  ; trap site: wasm 0x30
;;    e6: call 0xf0  ; trap site: wasm 0x37
;;    eb: call 0xf0  ; trap site: wasm 0x3a
;;    f0: mov r11d, 5
;;    f6: jmp qword ptr [r14+0x20]
