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
;;    1d: movaps xmm2, xmm0
;;    20: mulsd xmm2, xmm1
;;    24: sqrtsd xmm2, xmm2
;;    29: movaps xmm3, xmm1
;;    2c: mov rax, 0x8000000000000000
;;    36: movq xmm15, rax
;;    3b: xorps xmm3, xmm15
;;    3f: divsd xmm2, xmm3
;;    43: movaps xmm0, xmm2
;;    46: mov rsp, rbp
;;    49: pop rbp
;;    4a: ret
;;    4b: mov r11d, 9
;;    51: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
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
;;    27: movaps xmm3, xmm0
;;    2a: addss xmm3, xmm2
;;    2e: movaps xmm2, xmm1
;;    31: mov eax, 0x7fffffff
;;    36: movd xmm15, eax
;;    3b: andps xmm2, xmm15
;;    3f: ucomiss xmm3, xmm2
;;    42: jp short 0x4c
;;    44: jne short 0x52
;;    46: orps xmm3, xmm2
;;    4a: jmp short 0x56
;;    4c: addss xmm3, xmm2
;;    50: jmp short 0x56
;;    52: minss xmm3, xmm2
;;    56: movaps xmm0, xmm3
;;    59: mov rsp, rbp
;;    5c: pop rbp
;;    5d: ret
;;    5e: mov r11d, 9
;;    64: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
