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
;;    10: jb 0xa2
;;    16: lea rsp, [rbp-0x20]
;;    1d: cvttsd2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x3a
;;    2a: ucomisd xmm0, xmm0
;;    2f: jp 0xac
;;    35: jmp 0xb6
;;    3a: mov ebx, eax
;;    3d: movsxd rbx, ebx
;;    40: movaps xmm1, xmm0
;;    43: cvtsd2ss xmm1, xmm1
;;    48: mov ecx, 0x5f000000
;;    4d: movd xmm15, ecx
;;    52: ucomiss xmm1, xmm15
;;    56: jae short 0x64
;;    58: cvttss2si rax, xmm1
;;    5d: test rax, rax
;;    60: jns short 0x89
;;    62: jmp short 0x87
;;    64: movaps xmm14, xmm1
;;    68: subss xmm14, xmm15
;;    6d: cvttss2si rax, xmm14
;;    72: test rax, rax
;;    75: js short 0x7e
;;    77: btc rax, 0x3f
;;    7c: jmp short 0x89
;;    7e: mov rax, 0xffffffffffffffff
;;    85: jmp short 0x89
;;    87: xor eax, eax
;;    89: mov rsi, rax
;;    8c: mov esi, esi
;;    8f: movaps xmm1, xmm0
;;    92: movq rdi, xmm1
;;    97: xor rsi, rdi
;;    9a: add rbx, rsi
;;    9d: mov rsp, rbp
;;    a0: pop rbp
;;    a1: ret
;;    a2: mov r11d, 9
;;    a8: call qword ptr [r14+0x20]  ; trap site: wasm 0x2a
;;    ac: mov r11d, 4
;;    b2: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
;;    b6: mov r11d, 3
;;    bc: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
