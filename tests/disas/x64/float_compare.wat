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
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x44
;;    1b: lea rsp, [rbp-0x20]
;;    22: movsd xmm0, [rbp+0x10]
;;    28: movsd xmm1, [rbp+0x18]
;;    2e: ucomisd xmm0, xmm1
;;    33: seta al
;;    37: movzx ebx, al
;;    3b: mov [rbp+0x18], ebx
;;    3f: mov rsp, rbp
;;    42: pop rbp
;;    43: ret
;;    44: mov r11d, 9
;;    4a: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_eq_ne:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x68
;;    1b: lea rsp, [rbp-0x20]
;;    22: movss xmm0, [rbp+0x10]
;;    28: movss xmm1, [rbp+0x18]
;;    2e: ucomiss xmm1, xmm0
;;    32: sete al
;;    36: setnp cl
;;    3a: and al, cl
;;    3c: movzx ebx, al
;;    40: xorps xmm0, xmm0
;;    44: movss xmm1, [rbp+0x10]
;;    4a: ucomiss xmm1, xmm0
;;    4e: setne al
;;    52: setp cl
;;    56: or al, cl
;;    58: movzx esi, al
;;    5c: or ebx, esi
;;    5f: mov [rbp+0x18], ebx
;;    63: mov rsp, rbp
;;    66: pop rbp
;;    67: ret
;;    68: mov r11d, 9
;;    6e: call qword ptr [r14+0x20]  ; trap site: wasm 0x28
