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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x30]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x18], xmm15
;;    26: mov rsi, [r14+0x50]
;;    2a: mov esi, [rsi]
;;    2c: add esi, ebx
;;    2e: imul esi, 3
;;    31: mov rdi, [r14+0x50]
;;    35: mov [rdi], esi
;;    37: mov rdi, rsi
;;    3a: mov r8, [r14+0x48]
;;    3e: mov r8, [r8]
;;    41: add rdi, r8
;;    44: mov rbx, rdi
;;    47: mov rsp, rbp
;;    4a: pop rbp
;;    4b: ret
;;    4c: mov r11d, 9
;;    52: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
