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
;;     6: mov [rbp+0x18], rbx
;;     a: mov [rbp+0x10], rsi
;;     e: lea rcx, [rbp-0x130]
;;    15: cmp rcx, [r14]
;;    18: jb 0x55
;;    1e: lea rsp, [rbp-0x30]
;;    25: mov rdi, rbx
;;    28: imul rdi, rsi
;;    2c: mov r8, rbx
;;    2f: tzcnt r8, r8
;;    34: mov r9, 0x100000000
;;    3e: mov r10, rsi
;;    41: sub r10, r9
;;    44: mov ecx, r10d
;;    47: shr r8, cl
;;    4a: add rdi, r8
;;    4d: mov rbx, rdi
;;    50: mov rsp, rbp
;;    53: pop rbp
;;    54: ret
;;    55: mov r11d, 9
;;    5b: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
