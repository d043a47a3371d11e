;; Declared locals (zeroed in the prologue), local.tee, a defined and an imported global.
(module
  (import "env" "base" (global $base i64))
  (global $counter (mut i32) (i32.const 0))
  (func $bump (param $n i32) (result i64)
    (local $t i32) (local $wide i64)
    (local.set $t (i32.add (global.get $counter) (local.get $n)))
    (global.set $counter (local.tee $t (i32.mul (local.get $t) (i32.const 3))))
    (local.set $wide (i64.extend_i32_u (local.get $t)))
    (i64.add (local.get $wide) (global.get $base))))
;; function[0] $bump:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x130]
;;    11: cmp rcx, [rax]
;;    15: jb 0x6f
;;    1b: lea rsp, [rbp-0x30]
;;    22: mov qword ptr [rbp-0x10], 0
;;    2a: mov qword ptr [rbp-0x18], 0
;;    32: mov rbx, [r14+0x50]
;;    36: mov ebx, [rbx]
;;    38: mov esi, [rbp+0x10]
;;    3b: add ebx, esi
;;    3d: mov [rbp-0x10], ebx
;;    40: mov rdi, rbx
;;    43: imul edi, 3
;;    46: mov [rbp-0x10], edi
;;    49: mov rbx, [r14+0x50]
;;    4d: mov [rbx], edi
;;    4f: mov rbx, rdi
;;    52: mov ebx, ebx
;;    55: mov [rbp-0x18], rbx
;;    59: mov r8, [r14+0x48]
;;    5d: mov r8, [r8]
;;    60: mov r9, rbx
;;    63: add r9, r8
;;    66: mov [rbp+0x10], r9
;;    6a: mov rsp, rbp
;;    6d: pop rbp
;;    6e: ret
;;    6f: mov r11d, 9
;;    75: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
