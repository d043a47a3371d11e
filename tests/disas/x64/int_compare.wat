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
;;     6: mov [rbp+0x18], ebx
;;     9: mov [rbp+0x10], rsi
;;     d: lea rcx, [rbp-0x120]
;;    14: cmp rcx, [r14]
;;    17: jb 0x53
;;    1d: lea rsp, [rbp-0x20]
;;    24: cmp ebx, 7
;;    27: setl al
;;    2b: movzx edi, al
;;    2f: cmp rsi, 0x64
;;    33: setae al
;;    37: movzx r8d, al
;;    3b: and edi, r8d
;;    3e: test ebx, ebx
;;    40: sete al
;;    44: movzx r8d, al
;;    48: and edi, r8d
;;    4b: mov rbx, rdi
;;    4e: mov rsp, rbp
;;    51: pop rbp
;;    52: ret
;;    53: mov r11d, 9
;;    59: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
