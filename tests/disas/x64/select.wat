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
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x45
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov rbx, [rbp+0x10]
;;    21: mov rsi, [rbp+0x18]
;;    25: cmp rsi, rbx
;;    28: setg al
;;    2c: movzx edi, al
;;    30: mov r8, rbx
;;    33: mov r9, rsi
;;    36: test edi, edi
;;    38: cmove r9, r8
;;    3c: mov [rbp+0x18], r9
;;    40: mov rsp, rbp
;;    43: pop rbp
;;    44: ret
;;    45: mov r11d, 9
;;    4b: call qword ptr [r14+0x20]  ; trap site: wasm 0x21
;; function[1] $pick:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x3b
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x20]
;;    20: movsd xmm0, [rbp+0x10]
;;    25: movsd xmm1, [rbp+0x18]
;;    2a: test ebx, ebx
;;    2c: jne short 0x31
;;    2e: movaps xmm1, xmm0
;;    31: movsd [rbp+0x20], xmm1
;;    36: mov rsp, rbp
;;    39: pop rbp
;;    3a: ret
;;    3b: mov r11d, 9
;;    41: call qword ptr [r14+0x20]  ; trap site: wasm 0x2e
