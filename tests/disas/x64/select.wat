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
;;     6: mov [rbp+0x18], rbx
;;     a: mov [rbp+0x10], rsi
;;     e: lea rcx, [rbp-0x130]
;;    15: cmp rcx, [r14]
;;    18: jb 0x44
;;    1e: lea rsp, [rbp-0x30]
;;    25: cmp rbx, rsi
;;    28: setg al
;;    2c: movzx edi, al
;;    30: mov r8, rsi
;;    33: mov r9, rbx
;;    36: test edi, edi
;;    38: cmove r9, r8
;;    3c: mov rbx, r9
;;    3f: mov rsp, rbp
;;    42: pop rbp
;;    43: ret
;;    44: mov r11d, 9
;;    4a: call qword ptr [r14+0x20]  ; trap site: wasm 0x21
;; function[1] $pick:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov [rbp+0x20], ebx
;;     9: movsd [rbp+0x18], xmm0
;;     e: movsd [rbp+0x10], xmm1
;;    13: lea rcx, [rbp-0x120]
;;    1a: cmp rcx, [r14]
;;    1d: jb 0x42
;;    23: lea rsp, [rbp-0x20]
;;    2a: mov rsi, rbx
;;    2d: movaps xmm2, xmm1
;;    30: movaps xmm3, xmm0
;;    33: test esi, esi
;;    35: jne short 0x3a
;;    37: movaps xmm3, xmm2
;;    3a: movaps xmm0, xmm3
;;    3d: mov rsp, rbp
;;    40: pop rbp
;;    41: ret
;;    42: mov r11d, 9
;;    48: call qword ptr [r14+0x20]  ; trap site: wasm 0x2e
