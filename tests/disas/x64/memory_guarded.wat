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
;;    1d: mov r8, [r14+0x50]
;;    21: movsx rdi, byte ptr [r8+rbx]  ; fault site: wasm 0x29
;;    27: mov [r8+rsi+1], dil  ; fault site: wasm 0x2c
;;    2c: movss xmm0, [r8+rbx]  ; fault site: wasm 0x33
;;    33: movss [r8+rsi+8], xmm0  ; fault site: wasm 0x36
;;    3a: mov edi, [r8+rbx+4]  ; fault site: wasm 0x3d
;;    3f: mov [r8+rsi], di  ; fault site: wasm 0x40
;;    45: mov rdi, [r14+0x48]
;;    49: mov rdi, [rdi+8]
;;    4d: shr rdi, 0x10
;;    51: mov rbx, rdi
;;    54: mov rsp, rbp
;;    57: pop rbp
;;    58: ret
;;    59: mov r11d, 9
;;    5f: call qword ptr [r14+0x20]  ; trap site: wasm 0x24
;; function[1] $far:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov rdi, [r14+0x50]
;;    21: mov r8, [r14+0x48]
;;    25: mov r8, [r8+8]
;;    29: mov eax, ebx
;;    2b: mov edx, 0x90000004
;;    30: add rdx, rax
;;    33: jb 0x61
;;    39: cmp rdx, r8
;;    3c: ja 0x61
;;    42: mov edx, 0x90000000
;;    47: add rax, rdx
;;    4a: mov esi, [rdi+rax]
;;    4f: mov rbx, rsi
;;    52: mov rsp, rbp
;;    55: pop rbp
;;    56: ret
;;    57: mov r11d, 9
;;    5d: call qword ptr [r14+0x20]  ; trap site: wasm 0x47
;;    61: mov r11d, 5
;;    67: call qword ptr [r14+0x20]  ; trap site: wasm 0x4a
