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
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x59
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov [rbp+0x10], ebx
;;    20: cmp ebx, 2
;;    23: jae 0x2e
;;    29: mov rsp, rbp
;;    2c: pop rbp
;;    2d: ret
;;    2e: lea esi, [rbx-1]
;;    33: mov rbx, rsi
;;    36: call 0x3b  ; reloc: function[0]
;;    3b: mov esi, [rbp+0x10]
;;    3e: sub esi, 2
;;    41: mov [rbp-0x10], ebx
;;    44: mov rbx, rsi
;;    47: call 0x4c  ; reloc: function[0]
;;    4c: mov esi, [rbp-0x10]
;;    4f: add esi, ebx
;;    51: mov rbx, rsi
;;    54: mov rsp, rbp
;;    57: pop rbp
;;    58: ret
;;    59: mov r11d, 9
;;    5f: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $first_positive:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov rdi, rbx
;;    20: xorps xmm0, xmm0
;;    24: cvtsi2sd xmm0, edi
;;    29: test ebx, ebx
;;    2b: jle 0x3c
;;    31: mov [rbp+0x10], esi
;;    34: mov [rbp+0x18], ebx
;;    37: mov rsp, rbp
;;    3a: pop rbp
;;    3b: ret
;;    3c: mov rdi, rsi
;;    3f: xorps xmm0, xmm0
;;    43: cvtsi2sd xmm0, edi
;;    48: mov [rbp+0x10], esi
;;    4b: mov [rbp+0x18], ebx
;;    4e: mov rsp, rbp
;;    51: pop rbp
;;    52: ret
;;    53: mov r11d, 9
;;    59: call qword ptr [r14+0x20]  ; trap site: wasm 0x3c
