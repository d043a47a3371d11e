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
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x64
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov rdi, rbx
;;    20: xorps xmm0, xmm0
;;    24: cvtsi2sd xmm0, edi
;;    29: mov rdi, rsi
;;    2c: xorps xmm1, xmm1
;;    30: mov rax, rdi
;;    33: test rax, rax
;;    36: js short 0x3f
;;    38: cvtsi2ss xmm1, rax
;;    3d: jmp short 0x56
;;    3f: mov rcx, rax
;;    42: shr rcx, 1
;;    46: and eax, 1
;;    49: or rcx, rax
;;    4c: cvtsi2ss xmm1, rcx
;;    51: addss xmm1, xmm1
;;    56: cvtss2sd xmm1, xmm1
;;    5b: addsd xmm0, xmm1
;;    5f: mov rsp, rbp
;;    62: pop rbp
;;    63: ret
;;    64: mov r11d, 9
;;    6a: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $to_int:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0xa1
;;    16: lea rsp, [rbp-0x20]
;;    1d: movaps xmm1, xmm0
;;    20: movsd [rbp+0x10], xmm0
;;    25: movq rax, xmm1
;;    2a: push rax
;;    2b: pop rsi
;;    2d: mov rdi, r14
;;    30: and rsp, 0xfffffffffffffff0
;;    34: mov rax, [r14+0x18]
;;    38: call qword ptr [rax+0x70]
;;    3b: lea rsp, [rbp-0x20]
;;    42: test rdx, rdx
;;    45: jne 0xab
;;    4b: mov rbx, rax
;;    4e: movsxd rbx, ebx
;;    51: movsd xmm0, [rbp+0x10]
;;    56: cvtsd2ss xmm0, xmm0
;;    5b: mov [rbp-0x10], rbx
;;    5f: movd eax, xmm0
;;    64: push rax
;;    65: pop rsi
;;    67: mov rdi, r14
;;    6a: and rsp, 0xfffffffffffffff0
;;    6e: mov rax, [r14+0x18]
;;    72: call qword ptr [rax+0xc8]
;;    78: lea rsp, [rbp-0x20]
;;    7f: mov rbx, rax
;;    82: mov ebx, ebx
;;    85: movsd xmm0, [rbp+0x10]
;;    8a: movq rsi, xmm0
;;    8f: xor rbx, rsi
;;    92: mov rsi, [rbp-0x10]
;;    96: add rsi, rbx
;;    99: mov rbx, rsi
;;    9c: mov rsp, rbp
;;    9f: pop rbp
;;    a0: ret
;;    a1: mov r11d, 9
;;    a7: call qword ptr [r14+0x20]  ; trap site: wasm 0x2a
;;    ab: mov r11, rdx
;;    ae: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
