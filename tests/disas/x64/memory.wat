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
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x10a
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x18]
;;    26: mov rcx, [r14+0x48]
;;    2a: mov eax, ebx
;;    2d: lea rdx, [rax+1]
;;    31: cmp rdx, [rcx+8]
;;    35: ja 0x114
;;    3b: mov rcx, [rcx]
;;    3f: movsx rsi, byte ptr [rcx+rax]
;;    45: mov ebx, [rbp+0x10]
;;    49: mov rcx, [r14+0x48]
;;    4d: mov eax, ebx
;;    50: lea rdx, [rax+2]
;;    54: cmp rdx, [rcx+8]
;;    58: ja 0x11e
;;    5e: mov rcx, [rcx]
;;    62: mov [rcx+rax+1], sil
;;    67: mov ebx, [rbp+0x18]
;;    6b: mov rcx, [r14+0x48]
;;    6f: mov eax, ebx
;;    72: lea rdx, [rax+4]
;;    76: cmp rdx, [rcx+8]
;;    7a: ja 0x128
;;    80: mov rcx, [rcx]
;;    84: movss xmm0, [rcx+rax]
;;    8b: mov ebx, [rbp+0x10]
;;    8f: mov rcx, [r14+0x48]
;;    93: mov eax, ebx
;;    96: lea rdx, [rax+0xc]
;;    9a: cmp rdx, [rcx+8]
;;    9e: ja 0x132
;;    a4: mov rcx, [rcx]
;;    a8: movss [rcx+rax+8], xmm0
;;    af: mov ebx, [rbp+0x18]
;;    b3: mov rcx, [r14+0x48]
;;    b7: mov eax, ebx
;;    ba: lea rdx, [rax+8]
;;    be: cmp rdx, [rcx+8]
;;    c2: ja 0x13c
;;    c8: mov rcx, [rcx]
;;    cc: mov esi, [rcx+rax+4]
;;    d1: mov ebx, [rbp+0x10]
;;    d5: mov rcx, [r14+0x48]
;;    d9: mov eax, ebx
;;    dc: lea rdx, [rax+2]
;;    e0: cmp rdx, [rcx+8]
;;    e4: ja 0x146
;;    ea: mov rcx, [rcx]
;;    ee: mov [rcx+rax], si
;;    f4: mov rbx, [r14+0x48]
;;    f8: mov rbx, [rbx+8]
;;    fd: shr rbx, 0x10
;;   101: mov [rbp+0x18], ebx
;;   105: mov rsp, rbp
;;   108: pop rbp
;;   109: ret
;;   10a: mov r11d, 9
;;   110: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
;;   114: mov r11d, 5
;;   11a: call qword ptr [r14+0x20]  ; trap site: wasm 0x23
;;   11e: mov r11d, 5
;;   124: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;   128: mov r11d, 5
;;   12e: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
;;   132: mov r11d, 5
;;   138: call qword ptr [r14+0x20]  ; trap site: wasm 0x30
;;   13c: mov r11d, 5
;;   142: call qword ptr [r14+0x20]  ; trap site: wasm 0x37
;;   146: mov r11d, 5
;;   14c: call qword ptr [r14+0x20]  ; trap site: wasm 0x3a
