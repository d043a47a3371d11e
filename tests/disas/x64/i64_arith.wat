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
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x54
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov rbx, [rbp+0x10]
;;    21: mov rsi, [rbp+0x18]
;;    25: imul rsi, rbx
;;    29: mov rdi, [rbp+0x18]
;;    2d: tzcnt rdi, rdi
;;    32: mov r8, 0x100000000
;;    3c: mov r9, rbx
;;    3f: sub r9, r8
;;    42: mov ecx, r9d
;;    45: shr rdi, cl
;;    48: add rsi, rdi
;;    4b: mov [rbp+0x18], rsi
;;    4f: mov rsp, rbp
;;    52: pop rbp
;;    53: ret
;;    54: mov r11d, 9
;;    5a: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
