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
;;    15: jb 0xd0
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x18]
;;    25: mov rdi, [r14+0x48]
;;    29: mov rdi, [rdi]
;;    2c: mov r8, [r14+0x48]
;;    30: mov r8, [r8+8]
;;    34: mov eax, ebx
;;    37: lea rdx, [rax+1]
;;    3b: cmp rdx, r8
;;    3e: ja 0xda
;;    44: movsx rsi, byte ptr [rdi+rax]
;;    4a: mov r9d, [rbp+0x10]
;;    4e: mov eax, r9d
;;    51: lea rdx, [rax+2]
;;    55: cmp rdx, r8
;;    58: ja 0xe4
;;    5e: mov [rdi+rax+1], sil
;;    63: mov eax, ebx
;;    66: lea rdx, [rax+4]
;;    6a: cmp rdx, r8
;;    6d: ja 0xee
;;    73: movss xmm0, [rdi+rax]
;;    7a: mov eax, r9d
;;    7d: lea rdx, [rax+0xc]
;;    81: cmp rdx, r8
;;    84: ja 0xf8
;;    8a: movss [rdi+rax+8], xmm0
;;    91: mov eax, ebx
;;    94: lea rdx, [rax+8]
;;    98: cmp rdx, r8
;;    9b: ja 0x102
;;    a1: mov esi, [rdi+rax+4]
;;    a6: mov eax, r9d
;;    a9: lea rdx, [rax+2]
;;    ad: cmp rdx, r8
;;    b0: ja 0x10c
;;    b6: mov [rdi+rax], si
;;    bc: mov rsi, [r14+0x48]
;;    c0: mov rsi, [rsi+8]
;;    c4: shr rsi, 0x10
;;    c8: mov [rbp+0x18], esi
;;    cb: mov rsp, rbp
;;    ce: pop rbp
;;    cf: ret
;;    d0: mov r11d, 9
;;    d6: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
;;    da: mov r11d, 5
;;    e0: call qword ptr [r14+0x20]  ; trap site: wasm 0x23
;;    e4: mov r11d, 5
;;    ea: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    ee: mov r11d, 5
;;    f4: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
;;    f8: mov r11d, 5
;;    fe: call qword ptr [r14+0x20]  ; trap site: wasm 0x30
;;   102: mov r11d, 5
;;   108: call qword ptr [r14+0x20]  ; trap site: wasm 0x37
;;   10c: mov r11d, 5
;;   112: call qword ptr [r14+0x20]  ; trap site: wasm 0x3a
