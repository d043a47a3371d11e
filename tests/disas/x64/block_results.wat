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
;;    10: jb 0x63
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov ebx, [rbp+0x10]
;;    20: cmp ebx, 2
;;    23: jae 0x2e
;;    29: jmp 0x5b
;;    2e: mov rsi, rbx
;;    31: sub esi, 1
;;    34: mov [rsp], esi
;;    37: call 0x3c  ; reloc: function[0]
;;    3c: mov ebx, [rsp]
;;    3f: mov esi, [rbp+0x10]
;;    42: sub esi, 2
;;    45: mov [rbp-0x10], ebx
;;    48: mov [rsp], esi
;;    4b: call 0x50  ; reloc: function[0]
;;    50: mov ebx, [rsp]
;;    53: mov esi, [rbp-0x10]
;;    56: add esi, ebx
;;    58: mov rbx, rsi
;;    5b: mov [rbp+0x10], ebx
;;    5e: mov rsp, rbp
;;    61: pop rbp
;;    62: ret
;;    63: mov r11d, 9
;;    69: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $first_positive:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x4a
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x18]
;;    20: xorps xmm0, xmm0
;;    24: cvtsi2sd xmm0, ebx
;;    29: mov ebx, [rbp+0x18]
;;    2c: test ebx, ebx
;;    2e: jg 0x40
;;    34: mov esi, [rbp+0x10]
;;    37: xorps xmm0, xmm0
;;    3b: cvtsi2sd xmm0, esi
;;    40: movsd [rbp+0x18], xmm0
;;    45: mov rsp, rbp
;;    48: pop rbp
;;    49: ret
;;    4a: mov r11d, 9
;;    50: call qword ptr [r14+0x20]  ; trap site: wasm 0x3c
