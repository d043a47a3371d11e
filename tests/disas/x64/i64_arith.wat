;; i64 arithmetic and bit counting.
(module
  (func $i64_arith (param $a i64) (param $b i64) (result i64)
    (i64.add
      (i64.mul (local.get $a) (local.get $b))
      (i64.shr_u (i64.ctz (local.get $a)) (i64.sub (local.get $b) (i64.const 0x1_0000_0000))))))
;; function[0] $i64_arith:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov rdi, rbx
;;    20: imul rdi, rsi
;;    24: mov r8, rbx
;;    27: tzcnt r8, r8
;;    2c: mov r9, 0x100000000
;;    36: sub rsi, r9
;;    39: mov ecx, esi
;;    3c: shr r8, cl
;;    3f: add rdi, r8
;;    42: mov rbx, rdi
;;    45: mov rsp, rbp
;;    48: pop rbp
;;    49: ret
;;    4a: mov r11d, 9
;;    50: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
