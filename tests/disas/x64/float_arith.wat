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
;;    15: jb 0x5b
;;    1b: lea rsp, [rbp-0x20]
;;    22: movsd xmm0, [rbp+0x10]
;;    27: movsd xmm1, [rbp+0x18]
;;    2c: mulsd xmm1, xmm0
;;    30: sqrtsd xmm1, xmm1
;;    35: movsd xmm0, [rbp+0x10]
;;    3a: mov rax, 0x8000000000000000
;;    44: movq xmm15, rax
;;    49: xorps xmm0, xmm15
;;    4d: divsd xmm1, xmm0
;;    51: movsd [rbp+0x18], xmm1
;;    56: mov rsp, rbp
;;    59: pop rbp
;;    5a: ret
;;    5b: mov r11d, 9
;;    61: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_ops:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x69
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov eax, 0x3fc00000
;;    27: movd xmm0, eax
;;    2c: movss xmm1, [rbp+0x18]
;;    31: addss xmm1, xmm0
;;    35: movss xmm0, [rbp+0x10]
;;    3a: mov eax, 0x7fffffff
;;    3f: movd xmm15, eax
;;    44: andps xmm0, xmm15
;;    48: ucomiss xmm1, xmm0
;;    4b: jp short 0x55
;;    4d: jne short 0x5b
;;    4f: orps xmm1, xmm0
;;    53: jmp short 0x5f
;;    55: addss xmm1, xmm0
;;    59: jmp short 0x5f
;;    5b: minss xmm1, xmm0
;;    5f: movss [rbp+0x18], xmm1
;;    64: mov rsp, rbp
;;    67: pop rbp
;;    68: ret
;;    69: mov r11d, 9
;;    6f: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
