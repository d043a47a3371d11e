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
;;    15: jb 0x6f
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x18]
;;    25: xorps xmm0, xmm0
;;    29: cvtsi2sd xmm0, ebx
;;    2e: mov rbx, [rbp+0x10]
;;    32: xorps xmm1, xmm1
;;    36: mov rax, rbx
;;    39: test rax, rax
;;    3c: js short 0x45
;;    3e: cvtsi2ss xmm1, rax
;;    43: jmp short 0x5c
;;    45: mov rcx, rax
;;    48: shr rcx, 1
;;    4c: and eax, 1
;;    4f: or rcx, rax
;;    52: cvtsi2ss xmm1, rcx
;;    57: addss xmm1, xmm1
;;    5c: cvtss2sd xmm1, xmm1
;;    61: addsd xmm0, xmm1
;;    65: movsd [rbp+0x18], xmm0
;;    6a: mov rsp, rbp
;;    6d: pop rbp
;;    6e: ret
;;    6f: mov r11d, 9
;;    75: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $to_int:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0xa4
;;    1b: lea rsp, [rbp-0x20]
;;    22: movsd xmm0, [rbp+0x10]
;;    27: movq rax, xmm0
;;    2c: push rax
;;    2d: pop rsi
;;    2f: mov rdi, r14
;;    32: and rsp, 0xfffffffffffffff0
;;    36: mov rax, [r14+0x18]
;;    3a: call qword ptr [rax+0x70]
;;    3d: lea rsp, [rbp-0x20]
;;    44: test rdx, rdx
;;    47: jne 0xae
;;    4d: mov rbx, rax
;;    50: movsxd rbx, ebx
;;    53: movsd xmm0, [rbp+0x10]
;;    58: cvtsd2ss xmm0, xmm0
;;    5d: mov [rbp-0x10], rbx
;;    61: movd eax, xmm0
;;    66: push rax
;;    67: pop rsi
;;    69: mov rdi, r14
;;    6c: and rsp, 0xfffffffffffffff0
;;    70: mov rax, [r14+0x18]
;;    74: call qword ptr [rax+0xc8]
;;    7a: lea rsp, [rbp-0x20]
;;    81: mov rbx, rax
;;    84: mov ebx, ebx
;;    87: movsd xmm0, [rbp+0x10]
;;    8c: movq rsi, xmm0
;;    91: xor rbx, rsi
;;    94: mov rsi, [rbp-0x10]
;;    98: add rsi, rbx
;;    9b: mov [rbp+0x10], rsi
;;    9f: mov rsp, rbp
;;    a2: pop rbp
;;    a3: ret
;;    a4: mov r11d, 9
;;    aa: call qword ptr [r14+0x20]  ; trap site: wasm 0x2a
;;    ae: mov r11, rdx
;;    b1: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
