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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov r8, [r14+0x48]
;;    21: mov r8, [r8]
;;    24: movsx rdi, byte ptr [r8+rbx]  ; fault site: wasm 0x29
;;    2a: mov [r8+rsi+1], dil  ; fault site: wasm 0x2c
;;    2f: movss xmm0, [r8+rbx]  ; fault site: wasm 0x33
;;    36: movss [r8+rsi+8], xmm0  ; fault site: wasm 0x36
;;    3d: mov edi, [r8+rbx+4]  ; fault site: wasm 0x3d
;;    42: mov [r8+rsi], di  ; fault site: wasm 0x40
;;    48: mov rdi, [r14+0x48]
;;    4c: mov rdi, [rdi+8]
;;    50: shr rdi, 0x10
;;    54: mov rbx, rdi
;;    57: mov rsp, rbp
;;    5a: pop rbp
;;    5b: ret
;;    5c: mov r11d, 9
;;    62: call qword ptr [r14+0x20]  ; trap site: wasm 0x24
;; function[1] $far:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov rdi, [r14+0x48]
;;    21: mov rdi, [rdi]
;;    24: mov r8, [r14+0x48]
;;    28: mov r8, [r8+8]
;;    2c: mov eax, ebx
;;    2e: mov edx, 0x90000004
;;    33: add rdx, rax
;;    36: jb 0x64
;;    3c: cmp rdx, r8
;;    3f: ja 0x64
;;    45: mov edx, 0x90000000
;;    4a: add rax, rdx
;;    4d: mov esi, [rdi+rax]
;;    52: mov rbx, rsi
;;    55: mov rsp, rbp
;;    58: pop rbp
;;    59: ret
;;    5a: mov r11d, 9
;;    60: call qword ptr [r14+0x20]  ; trap site: wasm 0x47
;;    64: mov r11d, 5
;;    6a: call qword ptr [r14+0x20]  ; trap site: wasm 0x4a
