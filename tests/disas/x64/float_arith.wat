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
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x56
;;    16: lea rsp, [rbp-0x20]
;;    1d: movsd xmm0, [rbp+0x10]
;;    22: movsd xmm1, [rbp+0x18]
;;    27: mulsd xmm1, xmm0
;;    2b: sqrtsd xmm1, xmm1
;;    30: movsd xmm0, [rbp+0x10]
;;    35: mov rax, 0x8000000000000000
;;    3f: movq xmm15, rax
;;    44: xorps xmm0, xmm15
;;    48: divsd xmm1, xmm0
;;    4c: movsd [rbp+0x18], xmm1
;;    51: mov rsp, rbp
;;    54: pop rbp
;;    55: ret
;;    56: mov r11d, 9
;;    5c: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_ops:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x64
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov eax, 0x3fc00000
;;    22: movd xmm0, eax
;;    27: movss xmm1, [rbp+0x18]
;;    2c: addss xmm1, xmm0
;;    30: movss xmm0, [rbp+0x10]
;;    35: mov eax, 0x7fffffff
;;    3a: movd xmm15, eax
;;    3f: andps xmm0, xmm15
;;    43: ucomiss xmm1, xmm0
;;    46: jp short 0x50
;;    48: jne short 0x56
;;    4a: orps xmm1, xmm0
;;    4e: jmp short 0x5a
;;    50: addss xmm1, xmm0
;;    54: jmp short 0x5a
;;    56: minss xmm1, xmm0
;;    5a: movss [rbp+0x18], xmm1
;;    5f: mov rsp, rbp
;;    62: pop rbp
;;    63: ret
;;    64: mov r11d, 9
;;    6a: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
