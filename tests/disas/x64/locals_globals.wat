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
;;     6: mov [rbp+0x10], ebx
;;     9: lea rcx, [rbp-0x130]
;;    10: cmp rcx, [r14]
;;    13: jb 0x5c
;;    19: lea rsp, [rbp-0x30]
;;    20: xorps xmm15, xmm15
;;    24: movups [rbp-0x18], xmm15
;;    29: mov rsi, [r14+0x50]
;;    2d: mov esi, [rsi]
;;    2f: add esi, ebx
;;    31: mov [rbp-0x10], esi
;;    34: imul edi, esi, 3
;;    37: mov [rbp-0x10], edi
;;    3a: mov rsi, [r14+0x50]
;;    3e: mov [rsi], edi
;;    40: mov rsi, rdi
;;    43: mov esi, esi
;;    46: mov [rbp-0x18], rsi
;;    4a: mov r8, [r14+0x48]
;;    4e: mov r8, [r8]
;;    51: add r8, rsi
;;    54: mov rbx, r8
;;    57: mov rsp, rbp
;;    5a: pop rbp
;;    5b: ret
;;    5c: mov r11d, 9
;;    62: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
