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
;;     6: mov [rbp+0x18], ebx
;;     9: mov [rbp+0x10], esi
;;     c: lea rcx, [rbp-0x120]
;;    13: cmp rcx, [r14]
;;    16: jb 0xc4
;;    1c: lea rsp, [rbp-0x20]
;;    23: mov r8, [r14+0x48]
;;    27: mov r8, [r8]
;;    2a: mov r9, [r14+0x48]
;;    2e: mov r9, [r9+8]
;;    32: mov eax, ebx
;;    34: lea rdx, [rax+1]
;;    38: cmp rdx, r9
;;    3b: ja 0xce
;;    41: movsx rdi, byte ptr [r8+rax]
;;    47: mov eax, esi
;;    49: lea rdx, [rax+2]
;;    4d: cmp rdx, r9
;;    50: ja 0xd3
;;    56: mov [r8+rax+1], dil
;;    5b: mov eax, ebx
;;    5d: lea rdx, [rax+4]
;;    61: cmp rdx, r9
;;    64: ja 0xd8
;;    6a: movss xmm0, [r8+rax]
;;    71: mov eax, esi
;;    73: lea rdx, [rax+0xc]
;;    77: cmp rdx, r9
;;    7a: ja 0xdd
;;    80: movss [r8+rax+8], xmm0
;;    87: mov eax, ebx
;;    89: lea rdx, [rax+8]
;;    8d: cmp rdx, r9
;;    90: ja 0xe2
;;    96: mov edi, [r8+rax+4]
;;    9b: mov eax, esi
;;    9d: lea rdx, [rax+2]
;;    a1: cmp rdx, r9
;;    a4: ja 0xe7
;;    aa: mov [r8+rax], di
;;    b0: mov rdi, [r14+0x48]
;;    b4: mov rdi, [rdi+8]
;;    b8: shr rdi, 0x10
;;    bc: mov rbx, rdi
;;    bf: mov rsp, rbp
;;    c2: pop rbp
;;    c3: ret
;;    c4: mov r11d, 9
;;    ca: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
;;    ce: call 0xec  ; trap site: wasm 0x23
;;    d3: call 0xec  ; trap site: wasm 0x26
;;    d8: call 0xec  ; trap site: wasm 0x2d
;;    dd: call 0xec  ; trap site: wasm 0x30
;;    e2: call 0xec  ; trap site: wasm 0x37
;;    e7: call 0xec  ; trap site: wasm 0x3a
;;    ec: mov r11d, 5
;;    f2: jmp qword ptr [r14+0x20]
