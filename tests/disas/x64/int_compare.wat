;; Integer comparisons producing values, and eqz.
(module
  (func $compare (param $a i32) (param $b i64) (result i32)
    (i32.and
      (i32.and (i32.lt_s (local.get $a) (i32.const 7)) (i64.ge_u (local.get $b) (i64.const 100)))
      (i32.eqz (local.get $a)))))
;; function[0] $compare:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x58
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x18]
;;    25: cmp ebx, 7
;;    28: setl al
;;    2c: movzx esi, al
;;    30: mov rdi, [rbp+0x10]
;;    34: cmp rdi, 0x64
;;    38: setae al
;;    3c: movzx r8d, al
;;    40: and esi, r8d
;;    43: test ebx, ebx
;;    45: sete al
;;    49: movzx r8d, al
;;    4d: and esi, r8d
;;    50: mov [rbp+0x18], esi
;;    53: mov rsp, rbp
;;    56: pop rbp
;;    57: ret
;;    58: mov r11d, 9
;;    5e: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
