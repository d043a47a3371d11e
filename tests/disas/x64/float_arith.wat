;; Floating-point arithmetic: add, mul, div, sqrt, min (NaN and -0 handling), neg, abs.
(module
  (func $f64_ops (param $x f64) (param $y f64) (result f64)
    (f64.div
      (f64.sqrt (f64.mul (local.get $x) (local.get $y)))
      (f64.neg (local.get $y))))
  (func $f32_ops (param $x f32) (param $y f32) (result f32)
    (f32.min (f32.add (local.get $x) (f32.const 1.5)) (f32.abs (local.get $y)))))
;; function[0] $f64_ops:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x61
;;    1b: lea rsp, [rbp-0x20]
;;    22: movsd xmm0, [rbp+0x10]
;;    28: movsd xmm1, [rbp+0x18]
;;    2e: mulsd xmm1, xmm0
;;    33: sqrtsd xmm1, xmm1
;;    38: movsd xmm0, [rbp+0x10]
;;    3e: mov rax, 0x8000000000000000
;;    48: movq xmm15, rax
;;    4d: xorps xmm0, xmm15
;;    51: divsd xmm1, xmm0
;;    56: movsd [rbp+0x18], xmm1
;;    5c: mov rsp, rbp
;;    5f: pop rbp
;;    60: ret
;;    61: mov r11d, 9
;;    67: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_ops:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x72
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov eax, 0x3fc00000
;;    28: movd xmm0, eax
;;    2d: movss xmm1, [rbp+0x18]
;;    33: addss xmm1, xmm0
;;    38: movss xmm0, [rbp+0x10]
;;    3e: mov eax, 0x7fffffff
;;    44: movd xmm15, eax
;;    49: andps xmm0, xmm15
;;    4d: ucomiss xmm1, xmm0
;;    51: jp short 0x5b
;;    53: jne short 0x62
;;    55: orps xmm1, xmm0
;;    59: jmp short 0x67
;;    5b: addss xmm1, xmm0
;;    60: jmp short 0x67
;;    62: minss xmm1, xmm0
;;    67: movss [rbp+0x18], xmm1
;;    6d: mov rsp, rbp
;;    70: pop rbp
;;    71: ret
;;    72: mov r11d, 9
;;    78: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
