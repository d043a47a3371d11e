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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x30]
;;    1d: cmp rbx, rsi
;;    20: setg al
;;    24: movzx edi, al
;;    28: mov r8, rsi
;;    2b: mov r9, rbx
;;    2e: test edi, edi
;;    30: cmove r9, r8
;;    34: mov rbx, r9
;;    37: mov rsp, rbp
;;    3a: pop rbp
;;    3b: ret
;;    3c: mov r11d, 9
;;    42: call qword ptr [r14+0x20]  ; trap site: wasm 0x21
;; function[1] $pick:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov rsi, rbx
;;    20: movaps xmm2, xmm1
;;    23: movaps xmm3, xmm0
;;    26: test esi, esi
;;    28: jne short 0x2d
;;    2a: movaps xmm3, xmm2
;;    2d: movaps xmm0, xmm3
;;    30: mov rsp, rbp
;;    33: pop rbp
;;    34: ret
;;    35: mov r11d, 9
;;    3b: call qword ptr [r14+0x20]  ; trap site: wasm 0x2e
