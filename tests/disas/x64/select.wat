;; select on integers (conditional moves) and on floats.
(module
  (func $max (param $a i64) (param $b i64) (result i64)
    (select (local.get $a) (local.get $b) (i64.gt_s (local.get $a) (local.get $b))))
  (func $pick (param $c i32) (param $x f64) (param $y f64) (result f64)
    (select (result f64) (local.get $x) (local.get $y) (local.get $c))))
;; function[0] $max:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x130]
;;    11: cmp rcx, [rax]
;;    15: jb 0x4a
;;    1b: lea rsp, [rbp-0x30]
;;    22: mov rbx, [rbp+0x10]
;;    26: mov rsi, [rbp+0x18]
;;    2a: cmp rsi, rbx
;;    2d: setg al
;;    31: movzx edi, al
;;    35: mov r8, rbx
;;    38: mov r9, rsi
;;    3b: test edi, edi
;;    3d: cmove r9, r8
;;    41: mov [rbp+0x18], r9
;;    45: mov rsp, rbp
;;    48: pop rbp
;;    49: ret
;;    4a: mov r11d, 9
;;    50: call qword ptr [r14+0x20]  ; trap site: wasm 0x21
;; function[1] $pick:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x40
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x20]
;;    25: movsd xmm0, [rbp+0x10]
;;    2a: movsd xmm1, [rbp+0x18]
;;    2f: test ebx, ebx
;;    31: jne short 0x36
;;    33: movaps xmm1, xmm0
;;    36: movsd [rbp+0x20], xmm1
;;    3b: mov rsp, rbp
;;    3e: pop rbp
;;    3f: ret
;;    40: mov r11d, 9
;;    46: call qword ptr [r14+0x20]  ; trap site: wasm 0x2e
