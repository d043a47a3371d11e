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
;;    15: jb 0x4d
;;    1b: lea rsp, [rbp-0x30]
;;    22: mov rbx, [rbp+0x10]
;;    26: mov rsi, [rbp+0x18]
;;    2a: cmp rsi, rbx
;;    2d: setg al
;;    31: movzx esi, al
;;    35: mov rbx, [rbp+0x10]
;;    39: mov rdi, [rbp+0x18]
;;    3d: test esi, esi
;;    40: cmove rdi, rbx
;;    44: mov [rbp+0x18], rdi
;;    48: mov rsp, rbp
;;    4b: pop rbp
;;    4c: ret
;;    4d: mov r11d, 9
;;    53: call qword ptr [r14+0x20]  ; trap site: wasm 0x21
;; function[1] $pick:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x46
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x20]
;;    26: movsd xmm0, [rbp+0x10]
;;    2c: movsd xmm1, [rbp+0x18]
;;    32: test ebx, ebx
;;    35: jne short 0x3b
;;    37: movaps xmm1, xmm0
;;    3b: movsd [rbp+0x20], xmm1
;;    41: mov rsp, rbp
;;    44: pop rbp
;;    45: ret
;;    46: mov r11d, 9
;;    4c: call qword ptr [r14+0x20]  ; trap site: wasm 0x2e
