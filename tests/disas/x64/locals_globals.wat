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
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x63
;;    16: lea rsp, [rbp-0x30]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x18], xmm15
;;    26: mov rbx, [r14+0x50]
;;    2a: mov ebx, [rbx]
;;    2c: mov esi, [rbp+0x10]
;;    2f: add ebx, esi
;;    31: mov [rbp-0x10], ebx
;;    34: mov rdi, rbx
;;    37: imul edi, 3
;;    3a: mov [rbp-0x10], edi
;;    3d: mov rbx, [r14+0x50]
;;    41: mov [rbx], edi
;;    43: mov rbx, rdi
;;    46: mov ebx, ebx
;;    49: mov [rbp-0x18], rbx
;;    4d: mov r8, [r14+0x48]
;;    51: mov r8, [r8]
;;    54: mov r9, rbx
;;    57: add r9, r8
;;    5a: mov [rbp+0x10], r9
;;    5e: mov rsp, rbp
;;    61: pop rbp
;;    62: ret
;;    63: mov r11d, 9
;;    69: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
