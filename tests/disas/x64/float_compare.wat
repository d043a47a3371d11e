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
;;    15: jb 0x40
;;    1b: lea rsp, [rbp-0x20]
;;    22: movsd xmm0, [rbp+0x10]
;;    27: movsd xmm1, [rbp+0x18]
;;    2c: ucomisd xmm0, xmm1
;;    30: seta al
;;    34: movzx ebx, al
;;    38: mov [rbp+0x18], ebx
;;    3b: mov rsp, rbp
;;    3e: pop rbp
;;    3f: ret
;;    40: mov r11d, 9
;;    46: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $f32_eq_ne:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x61
;;    1b: lea rsp, [rbp-0x20]
;;    22: movss xmm0, [rbp+0x10]
;;    27: movss xmm1, [rbp+0x18]
;;    2c: ucomiss xmm1, xmm0
;;    2f: sete al
;;    33: setnp cl
;;    37: and al, cl
;;    39: movzx ebx, al
;;    3d: xorps xmm0, xmm0
;;    41: movss xmm1, [rbp+0x10]
;;    46: ucomiss xmm1, xmm0
;;    49: setne al
;;    4d: setp cl
;;    51: or al, cl
;;    53: movzx esi, al
;;    57: or ebx, esi
;;    59: mov [rbp+0x18], ebx
;;    5c: mov rsp, rbp
;;    5f: pop rbp
;;    60: ret
;;    61: mov r11d, 9
;;    67: call qword ptr [r14+0x20]  ; trap site: wasm 0x28
