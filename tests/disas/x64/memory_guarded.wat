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
;;     6: mov [rbp+0x18], ebx
;;     9: mov [rbp+0x10], esi
;;     c: lea rcx, [rbp-0x120]
;;    13: cmp rcx, [r14]
;;    16: jb 0x6e
;;    1c: lea rsp, [rbp-0x20]
;;    23: mov r8, [r14+0x48]
;;    27: mov r8, [r8]
;;    2a: mov eax, ebx
;;    2c: movsx rdi, byte ptr [r8+rax]  ; fault site: wasm 0x29
;;    32: mov eax, esi
;;    34: mov [r8+rax+1], dil  ; fault site: wasm 0x2c
;;    39: mov eax, ebx
;;    3b: movss xmm0, [r8+rax]  ; fault site: wasm 0x33
;;    42: mov eax, esi
;;    44: movss [r8+rax+8], xmm0  ; fault site: wasm 0x36
;;    4b: mov eax, ebx
;;    4d: mov edi, [r8+rax+4]  ; fault site: wasm 0x3d
;;    52: mov eax, esi
;;    54: mov [r8+rax], di  ; fault site: wasm 0x40
;;    5a: mov rdi, [r14+0x48]
;;    5e: mov rdi, [rdi+8]
;;    62: shr rdi, 0x10
;;    66: mov rbx, rdi
;;    69: mov rsp, rbp
;;    6c: pop rbp
;;    6d: ret
;;    6e: mov r11d, 9
;;    74: call qword ptr [r14+0x20]  ; trap site: wasm 0x24
;; function[1] $far:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov [rbp+0x10], ebx
;;     9: lea rcx, [rbp-0x110]
;;    10: cmp rcx, [r14]
;;    13: jb 0x5d
;;    19: lea rsp, [rbp-0x10]
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
;;    55: mov rbx, rsi
;;    58: mov rsp, rbp
;;    5b: pop rbp
;;    5c: ret
;;    5d: mov r11d, 9
;;    63: call qword ptr [r14+0x20]  ; trap site: wasm 0x47
;;    67: mov r11d, 5
;;    6d: call qword ptr [r14+0x20]  ; trap site: wasm 0x4a
