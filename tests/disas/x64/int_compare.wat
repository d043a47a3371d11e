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
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x53
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x18]
;;    20: cmp ebx, 7
;;    23: setl al
;;    27: movzx esi, al
;;    2b: mov rdi, [rbp+0x10]
;;    2f: cmp rdi, 0x64
;;    33: setae al
;;    37: movzx r8d, al
;;    3b: and esi, r8d
;;    3e: test ebx, ebx
;;    40: sete al
;;    44: movzx r8d, al
;;    48: and esi, r8d
;;    4b: mov [rbp+0x18], esi
;;    4e: mov rsp, rbp
;;    51: pop rbp
;;    52: ret
;;    53: mov r11d, 9
;;    59: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
