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
;;    36: mov r10, rsi
;;    39: sub r10, r9
;;    3c: mov ecx, r10d
;;    3f: shr r8, cl
;;    42: add rdi, r8
;;    45: mov rbx, rdi
;;    48: mov rsp, rbp
;;    4b: pop rbp
;;    4c: ret
;;    4d: mov r11d, 9
;;    53: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
