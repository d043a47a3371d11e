;; Block results in a register (the first of their class): `if`/`else` arms and a `br_if`
;; with a value bring their result there, and the code after the end reads it.
(module
  (func $fib (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $first_positive (param i32 i32) (result f64)
    (block (result f64)
      (br_if 0 (f64.convert_i32_s (local.get 0)) (i32.gt_s (local.get 0) (i32.const 0)))
      (drop)
      (f64.convert_i32_s (local.get 1)))))
;; function[0] $fib:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov [rbp+0x10], ebx
;;     9: lea rcx, [rbp-0x130]
;;    10: cmp rcx, [r14]
;;    13: jb 0x5b
;;    19: lea rsp, [rbp-0x30]
;;    20: cmp ebx, 2
;;    23: jae 0x2e
;;    29: jmp 0x56
;;    2e: lea esi, [rbx-1]
;;    33: mov rbx, rsi
;;    36: call 0x3b  ; reloc: function[0]
;;    3b: mov esi, [rbp+0x10]
;;    3e: lea edi, [rsi-2]
;;    43: mov [rbp-0x10], ebx
;;    46: mov rbx, rdi
;;    49: call 0x4e  ; reloc: function[0]
;;    4e: mov esi, [rbp-0x10]
;;    51: add esi, ebx
;;    53: mov rbx, rsi
;;    56: mov rsp, rbp
;;    59: pop rbp
;;    5a: ret
;;    5b: mov r11d, 9
;;    61: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $first_positive:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov [rbp+0x18], ebx
;;     9: mov [rbp+0x10], esi
;;     c: lea rcx, [rbp-0x120]
;;    13: cmp rcx, [r14]
;;    16: jb 0x48
;;    1c: lea rsp, [rbp-0x20]
;;    23: mov rdi, rbx
;;    26: xorps xmm0, xmm0
;;    2a: cvtsi2sd xmm0, edi
;;    2f: test ebx, ebx
;;    31: jg 0x43
;;    37: mov rdi, rsi
;;    3a: xorps xmm0, xmm0
;;    3e: cvtsi2sd xmm0, edi
;;    43: mov rsp, rbp
;;    46: pop rbp
;;    47: ret
;;    48: mov r11d, 9
;;    4e: call qword ptr [r14+0x20]  ; trap site: wasm 0x3c
