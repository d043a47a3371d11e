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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: cvttsd2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x39
;;    2a: ucomisd xmm0, xmm0
;;    2e: jp 0xab
;;    34: jmp 0xb5
;;    39: mov ebx, eax
;;    3c: movsxd rbx, ebx
;;    3f: movaps xmm1, xmm0
;;    42: cvtsd2ss xmm1, xmm1
;;    47: mov ecx, 0x5f000000
;;    4c: movd xmm15, ecx
;;    51: ucomiss xmm1, xmm15
;;    55: jae short 0x63
;;    57: cvttss2si rax, xmm1
;;    5c: test rax, rax
;;    5f: jns short 0x88
;;    61: jmp short 0x86
;;    63: movaps xmm14, xmm1
;;    67: subss xmm14, xmm15
;;    6c: cvttss2si rax, xmm14
;;    71: test rax, rax
;;    74: js short 0x7d
;;    76: btc rax, 0x3f
;;    7b: jmp short 0x88
;;    7d: mov rax, 0xffffffffffffffff
;;    84: jmp short 0x88
;;    86: xor eax, eax
;;    88: mov rsi, rax
;;    8b: mov esi, esi
;;    8e: movaps xmm1, xmm0
;;    91: movq rdi, xmm1
;;    96: xor rsi, rdi
;;    99: add rbx, rsi
;;    9c: mov rsp, rbp
;;    9f: pop rbp
;;    a0: ret
;;    a1: mov r11d, 9
;;    a7: call qword ptr [r14+0x20]  ; trap site: wasm 0x2a
;;    ab: mov r11d, 4
;;    b1: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
;;    b5: mov r11d, 3
;;    bb: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
