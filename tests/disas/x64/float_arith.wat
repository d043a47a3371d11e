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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mulsd xmm0, xmm1
;;    21: sqrtsd xmm0, xmm0
;;    26: movaps xmm2, xmm1
;;    29: mov rax, 0x8000000000000000
;;    33: movq xmm15, rax
;;    38: xorps xmm2, xmm15
;;    3c: divsd xmm0, xmm2
;;    40: mov rsp, rbp
;;    43: pop rbp
;;    44: ret
;;    45: mov r11d, 9
;;    4b: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_ops:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov eax, 0x3fc00000
;;    22: movd xmm2, eax
;;    27: addss xmm0, xmm2
;;    2b: movaps xmm2, xmm1
;;    2e: mov eax, 0x7fffffff
;;    33: movd xmm15, eax
;;    38: andps xmm2, xmm15
;;    3c: ucomiss xmm0, xmm2
;;    3f: jp short 0x49
;;    41: jne short 0x4f
;;    43: orps xmm0, xmm2
;;    47: jmp short 0x53
;;    49: addss xmm0, xmm2
;;    4d: jmp short 0x53
;;    4f: minss xmm0, xmm2
;;    53: mov rsp, rbp
;;    56: pop rbp
;;    57: ret
;;    58: mov r11d, 9
;;    5e: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
