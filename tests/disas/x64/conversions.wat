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
;;    10: jb 0x6a
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x18]
;;    20: xorps xmm0, xmm0
;;    24: cvtsi2sd xmm0, ebx
;;    29: mov rbx, [rbp+0x10]
;;    2d: xorps xmm1, xmm1
;;    31: mov rax, rbx
;;    34: test rax, rax
;;    37: js short 0x40
;;    39: cvtsi2ss xmm1, rax
;;    3e: jmp short 0x57
;;    40: mov rcx, rax
;;    43: shr rcx, 1
;;    47: and eax, 1
;;    4a: or rcx, rax
;;    4d: cvtsi2ss xmm1, rcx
;;    52: addss xmm1, xmm1
;;    57: cvtss2sd xmm1, xmm1
;;    5c: addsd xmm0, xmm1
;;    60: movsd [rbp+0x18], xmm0
;;    65: mov rsp, rbp
;;    68: pop rbp
;;    69: ret
;;    6a: mov r11d, 9
;;    70: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $to_int:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x9f
;;    16: lea rsp, [rbp-0x20]
;;    1d: movsd xmm0, [rbp+0x10]
;;    22: movq rax, xmm0
;;    27: push rax
;;    28: pop rsi
;;    2a: mov rdi, r14
;;    2d: and rsp, 0xfffffffffffffff0
;;    31: mov rax, [r14+0x18]
;;    35: call qword ptr [rax+0x70]
;;    38: lea rsp, [rbp-0x20]
;;    3f: test rdx, rdx
;;    42: jne 0xa9
;;    48: mov rbx, rax
;;    4b: movsxd rbx, ebx
;;    4e: movsd xmm0, [rbp+0x10]
;;    53: cvtsd2ss xmm0, xmm0
;;    58: mov [rbp-0x10], rbx
;;    5c: movd eax, xmm0
;;    61: push rax
;;    62: pop rsi
;;    64: mov rdi, r14
;;    67: and rsp, 0xfffffffffffffff0
;;    6b: mov rax, [r14+0x18]
;;    6f: call qword ptr [rax+0xc8]
;;    75: lea rsp, [rbp-0x20]
;;    7c: mov rbx, rax
;;    7f: mov ebx, ebx
;;    82: movsd xmm0, [rbp+0x10]
;;    87: movq rsi, xmm0
;;    8c: xor rbx, rsi
;;    8f: mov rsi, [rbp-0x10]
;;    93: add rsi, rbx
;;    96: mov [rbp+0x10], rsi
;;    9a: mov rsp, rbp
;;    9d: pop rbp
;;    9e: ret
;;    9f: mov r11d, 9
;;    a5: call qword ptr [r14+0x20]  ; trap site: wasm 0x2a
;;    a9: mov r11, rdx
;;    ac: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
