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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: movaps xmm2, xmm1
;;    20: movaps xmm3, xmm0
;;    23: ucomisd xmm2, xmm3
;;    27: seta al
;;    2b: movzx ebx, al
;;    2f: mov rsp, rbp
;;    32: pop rbp
;;    33: ret
;;    34: mov r11d, 9
;;    3a: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_eq_ne:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: movaps xmm2, xmm1
;;    20: movaps xmm3, xmm0
;;    23: ucomiss xmm3, xmm2
;;    26: sete al
;;    2a: setnp cl
;;    2e: and al, cl
;;    30: movzx ebx, al
;;    34: xorps xmm2, xmm2
;;    38: movaps xmm3, xmm1
;;    3b: ucomiss xmm3, xmm2
;;    3e: setne al
;;    42: setp cl
;;    46: or al, cl
;;    48: movzx esi, al
;;    4c: or ebx, esi
;;    4e: mov rsp, rbp
;;    51: pop rbp
;;    52: ret
;;    53: mov r11d, 9
;;    59: call qword ptr [r14+0x20]  ; trap site: wasm 0x28
