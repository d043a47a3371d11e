;;! guard_pages = true
;; With guard pages: no bounds checks, each access a fault site (AArch64 keeps the checks of
;; stores wider than a byte, which could tear), and memory 0's base in a register. Offsets
;; beyond the 2 GiB guard keep their check.
(module
  (memory 1)
  (func $copy (param $from i32) (param $to i32) (result i32)
    (i64.store8 offset=1 (local.get $to) (i64.load8_s (local.get $from)))
    (f32.store offset=8 (local.get $to) (f32.load (local.get $from)))
    (i32.store16 (local.get $to) (i32.load offset=4 (local.get $from)))
    (memory.size))
  ;; An offset beyond the guard region keeps its check.
  (func $far (param $at i32) (result i32)
    (i32.load offset=0x90000000 (local.get $at))))
;; function[0] $copy:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x72
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x18]
;;    20: mov rdi, [r14+0x48]
;;    24: mov rdi, [rdi]
;;    27: mov eax, ebx
;;    29: movsx rsi, byte ptr [rdi+rax]  ; fault site: wasm 0x29
;;    2f: mov r8d, [rbp+0x10]
;;    33: mov eax, r8d
;;    36: mov [rdi+rax+1], sil  ; fault site: wasm 0x2c
;;    3b: mov eax, ebx
;;    3d: movss xmm0, [rdi+rax]  ; fault site: wasm 0x33
;;    44: mov eax, r8d
;;    47: movss [rdi+rax+8], xmm0  ; fault site: wasm 0x36
;;    4e: mov eax, ebx
;;    50: mov esi, [rdi+rax+4]  ; fault site: wasm 0x3d
;;    55: mov eax, r8d
;;    58: mov [rdi+rax], si  ; fault site: wasm 0x40
;;    5e: mov rsi, [r14+0x48]
;;    62: mov rsi, [rsi+8]
;;    66: shr rsi, 0x10
;;    6a: mov [rbp+0x18], esi
;;    6d: mov rsp, rbp
;;    70: pop rbp
;;    71: ret
;;    72: mov r11d, 9
;;    78: call qword ptr [r14+0x20]  ; trap site: wasm 0x24
;; function[1] $far:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x5d
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov ebx, [rbp+0x10]
;;    20: mov rdi, [r14+0x48]
;;    24: mov rdi, [rdi]
;;    27: mov r8, [r14+0x48]
;;    2b: mov r8, [r8+8]
;;    2f: mov eax, ebx
;;    31: mov edx, 0x90000004
;;    36: add rdx, rax
;;    39: jb 0x67
;;    3f: cmp rdx, r8
;;    42: ja 0x67
;;    48: mov edx, 0x90000000
;;    4d: add rax, rdx
;;    50: mov esi, [rdi+rax]
;;    55: mov [rbp+0x10], esi
;;    58: mov rsp, rbp
;;    5b: pop rbp
;;    5c: ret
;;    5d: mov r11d, 9
;;    63: call qword ptr [r14+0x20]  ; trap site: wasm 0x47
;;    67: mov r11d, 5
;;    6d: call qword ptr [r14+0x20]  ; trap site: wasm 0x4a
