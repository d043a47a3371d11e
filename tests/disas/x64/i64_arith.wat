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
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x130]
;;    11: cmp rcx, [rax]
;;    15: jb 0x59
;;    1b: lea rsp, [rbp-0x30]
;;    22: mov rbx, [rbp+0x10]
;;    26: mov rsi, [rbp+0x18]
;;    2a: imul rsi, rbx
;;    2e: mov rdi, [rbp+0x18]
;;    32: tzcnt rdi, rdi
;;    37: mov r8, 0x100000000
;;    41: mov r9, rbx
;;    44: sub r9, r8
;;    47: mov ecx, r9d
;;    4a: shr rdi, cl
;;    4d: add rsi, rdi
;;    50: mov [rbp+0x18], rsi
;;    54: mov rsp, rbp
;;    57: pop rbp
;;    58: ret
;;    59: mov r11d, 9
;;    5f: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
