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
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x3b
;;    16: lea rsp, [rbp-0x20]
;;    1d: movsd xmm0, [rbp+0x10]
;;    22: movsd xmm1, [rbp+0x18]
;;    27: ucomisd xmm0, xmm1
;;    2b: seta al
;;    2f: movzx ebx, al
;;    33: mov [rbp+0x18], ebx
;;    36: mov rsp, rbp
;;    39: pop rbp
;;    3a: ret
;;    3b: mov r11d, 9
;;    41: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_eq_ne:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x5c
;;    16: lea rsp, [rbp-0x20]
;;    1d: movss xmm0, [rbp+0x10]
;;    22: movss xmm1, [rbp+0x18]
;;    27: ucomiss xmm1, xmm0
;;    2a: sete al
;;    2e: setnp cl
;;    32: and al, cl
;;    34: movzx ebx, al
;;    38: xorps xmm0, xmm0
;;    3c: movss xmm1, [rbp+0x10]
;;    41: ucomiss xmm1, xmm0
;;    44: setne al
;;    48: setp cl
;;    4c: or al, cl
;;    4e: movzx esi, al
;;    52: or ebx, esi
;;    54: mov [rbp+0x18], ebx
;;    57: mov rsp, rbp
;;    5a: pop rbp
;;    5b: ret
;;    5c: mov r11d, 9
;;    62: call qword ptr [r14+0x20]  ; trap site: wasm 0x28
