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
;;    15: jb 0x66
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x18]
;;    26: cmp ebx, 7
;;    2d: setl al
;;    31: movzx ebx, al
;;    35: mov rsi, [rbp+0x10]
;;    39: cmp rsi, 0x64
;;    40: setae al
;;    44: movzx esi, al
;;    48: and ebx, esi
;;    4b: mov esi, [rbp+0x18]
;;    4f: test esi, esi
;;    52: sete al
;;    56: movzx esi, al
;;    5a: and ebx, esi
;;    5d: mov [rbp+0x18], ebx
;;    61: mov rsp, rbp
;;    64: pop rbp
;;    65: ret
;;    66: mov r11d, 9
;;    6c: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
