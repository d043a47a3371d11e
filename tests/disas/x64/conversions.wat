;; Conversions between integer widths and between integers and floats: a trapping truncation,
;; a saturating one, int-to-float, width changes and a reinterpretation.
(module
  (func $to_float (param $a i32) (param $b i64) (result f64)
    (f64.add
      (f64.convert_i32_s (local.get $a))
      (f64.promote_f32 (f32.convert_i64_u (local.get $b)))))
  (func $to_int (param $x f64) (result i64)
    (i64.add
      (i64.extend_i32_s (i32.trunc_f64_s (local.get $x)))
      (i64.xor
        (i64.extend_i32_u (i32.wrap_i64 (i64.trunc_sat_f32_u (f32.demote_f64 (local.get $x)))))
        (i64.reinterpret_f64 (local.get $x))))))
;; function[0] $to_float:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x72
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x18]
;;    26: xorps xmm0, xmm0
;;    2a: cvtsi2sd xmm0, ebx
;;    2f: mov rbx, [rbp+0x10]
;;    33: xorps xmm1, xmm1
;;    37: mov rax, rbx
;;    3a: test rax, rax
;;    3d: js short 0x46
;;    3f: cvtsi2ss xmm1, rax
;;    44: jmp short 0x5d
;;    46: mov rcx, rax
;;    49: shr rcx, 1
;;    4d: and eax, 1
;;    50: or rcx, rax
;;    53: cvtsi2ss xmm1, rcx
;;    58: addss xmm1, xmm1
;;    5d: cvtss2sd xmm1, xmm1
;;    62: addsd xmm0, xmm1
;;    67: movsd [rbp+0x18], xmm0
;;    6d: mov rsp, rbp
;;    70: pop rbp
;;    71: ret
;;    72: mov r11d, 9
;;    78: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $to_int:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0xa7
;;    1b: lea rsp, [rbp-0x20]
;;    22: movsd xmm0, [rbp+0x10]
;;    28: movq rax, xmm0
;;    2d: push rax
;;    2e: pop rsi
;;    30: mov rdi, r14
;;    33: and rsp, 0xfffffffffffffff0
;;    37: mov rax, [r14+0x18]
;;    3b: call qword ptr [rax+0x70]
;;    3e: lea rsp, [rbp-0x20]
;;    45: test rdx, rdx
;;    48: jne 0xb1
;;    4e: mov rbx, rax
;;    51: movsxd rbx, ebx
;;    54: movsd xmm0, [rbp+0x10]
;;    5a: cvtsd2ss xmm0, xmm0
;;    5f: mov [rbp-0x10], rbx
;;    63: movd eax, xmm0
;;    68: push rax
;;    69: pop rsi
;;    6b: mov rdi, r14
;;    6e: and rsp, 0xfffffffffffffff0
;;    72: mov rax, [r14+0x18]
;;    76: call qword ptr [rax+0xc8]
;;    7c: lea rsp, [rbp-0x20]
;;    83: mov rbx, rax
;;    86: mov ebx, ebx
;;    89: movsd xmm0, [rbp+0x10]
;;    8f: movq rsi, xmm0
;;    94: xor rbx, rsi
;;    97: mov rsi, [rbp-0x10]
;;    9b: add rsi, rbx
;;    9e: mov [rbp+0x10], rsi
;;    a2: mov rsp, rbp
;;    a5: pop rbp
;;    a6: ret
;;    a7: mov r11d, 9
;;    ad: call qword ptr [r14+0x20]  ; trap site: wasm 0x2a
;;    b1: mov r11, rdx
;;    b4: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
