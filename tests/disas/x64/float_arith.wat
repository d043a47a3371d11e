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
;;     6: movsd [rbp+0x18], xmm0
;;     b: movsd [rbp+0x10], xmm1
;;    10: lea rcx, [rbp-0x120]
;;    17: cmp rcx, [r14]
;;    1a: jb 0x58
;;    20: lea rsp, [rbp-0x20]
;;    27: movaps xmm2, xmm1
;;    2a: movaps xmm3, xmm0
;;    2d: mulsd xmm3, xmm2
;;    31: sqrtsd xmm3, xmm3
;;    36: movaps xmm2, xmm1
;;    39: mov rax, 0x8000000000000000
;;    43: movq xmm15, rax
;;    48: xorps xmm2, xmm15
;;    4c: divsd xmm3, xmm2
;;    50: movaps xmm0, xmm3
;;    53: mov rsp, rbp
;;    56: pop rbp
;;    57: ret
;;    58: mov r11d, 9
;;    5e: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_ops:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: movss [rbp+0x18], xmm0
;;     b: movss [rbp+0x10], xmm1
;;    10: lea rcx, [rbp-0x120]
;;    17: cmp rcx, [r14]
;;    1a: jb 0x68
;;    20: lea rsp, [rbp-0x20]
;;    27: mov eax, 0x3fc00000
;;    2c: movd xmm2, eax
;;    31: movaps xmm3, xmm0
;;    34: addss xmm3, xmm2
;;    38: movaps xmm2, xmm1
;;    3b: mov eax, 0x7fffffff
;;    40: movd xmm15, eax
;;    45: andps xmm2, xmm15
;;    49: ucomiss xmm3, xmm2
;;    4c: jp short 0x56
;;    4e: jne short 0x5c
;;    50: orps xmm3, xmm2
;;    54: jmp short 0x60
;;    56: addss xmm3, xmm2
;;    5a: jmp short 0x60
;;    5c: minss xmm3, xmm2
;;    60: movaps xmm0, xmm3
;;    63: mov rsp, rbp
;;    66: pop rbp
;;    67: ret
;;    68: mov r11d, 9
;;    6e: call qword ptr [r14+0x20]  ; trap site: wasm 0x2d
