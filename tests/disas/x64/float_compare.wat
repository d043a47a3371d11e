;; Floating-point comparisons: unordered (NaN) operands give 0 except for `ne`.
(module
  (func $f64_lt (param f64 f64) (result i32)
    (f64.lt (local.get 0) (local.get 1)))
  (func $f32_eq_ne (param f32 f32) (result i32)
    (i32.or
      (f32.eq (local.get 0) (local.get 1))
      (f32.ne (local.get 1) (f32.const 0)))))
;; function[0] $f64_lt:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: movsd [rbp+0x18], xmm0
;;     b: movsd [rbp+0x10], xmm1
;;    10: lea rcx, [rbp-0x120]
;;    17: cmp rcx, [r14]
;;    1a: jb 0x3e
;;    20: lea rsp, [rbp-0x20]
;;    27: movaps xmm2, xmm1
;;    2a: movaps xmm3, xmm0
;;    2d: ucomisd xmm2, xmm3
;;    31: seta al
;;    35: movzx ebx, al
;;    39: mov rsp, rbp
;;    3c: pop rbp
;;    3d: ret
;;    3e: mov r11d, 9
;;    44: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_eq_ne:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: movss [rbp+0x18], xmm0
;;     b: movss [rbp+0x10], xmm1
;;    10: lea rcx, [rbp-0x120]
;;    17: cmp rcx, [r14]
;;    1a: jb 0x5d
;;    20: lea rsp, [rbp-0x20]
;;    27: movaps xmm2, xmm1
;;    2a: movaps xmm3, xmm0
;;    2d: ucomiss xmm3, xmm2
;;    30: sete al
;;    34: setnp cl
;;    38: and al, cl
;;    3a: movzx ebx, al
;;    3e: xorps xmm2, xmm2
;;    42: movaps xmm3, xmm1
;;    45: ucomiss xmm3, xmm2
;;    48: setne al
;;    4c: setp cl
;;    50: or al, cl
;;    52: movzx esi, al
;;    56: or ebx, esi
;;    58: mov rsp, rbp
;;    5b: pop rbp
;;    5c: ret
;;    5d: mov r11d, 9
;;    63: call qword ptr [r14+0x20]  ; trap site: wasm 0x28
