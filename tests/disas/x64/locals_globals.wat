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
;;    15: jb 0x7f
;;    1b: lea rsp, [rbp-0x30]
;;    22: mov qword ptr [rbp-0x10], 0
;;    2a: mov qword ptr [rbp-0x18], 0
;;    32: mov rbx, [r14+0x50]
;;    36: mov ebx, [rbx]
;;    3b: mov esi, [rbp+0x10]
;;    3f: add ebx, esi
;;    42: mov [rbp-0x10], ebx
;;    46: mov ebx, [rbp-0x10]
;;    4a: imul ebx, 3
;;    4e: mov [rbp-0x10], ebx
;;    52: mov rsi, [r14+0x50]
;;    56: mov [rsi], ebx
;;    5b: mov ebx, [rbp-0x10]
;;    5f: mov ebx, ebx
;;    62: mov [rbp-0x18], rbx
;;    66: mov rbx, [r14+0x48]
;;    6a: mov rbx, [rbx]
;;    6f: mov rsi, [rbp-0x18]
;;    73: add rsi, rbx
;;    76: mov [rbp+0x10], rsi
;;    7a: mov rsp, rbp
;;    7d: pop rbp
;;    7e: ret
;;    7f: mov r11d, 9
;;    85: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
