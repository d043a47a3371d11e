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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: cmp ebx, 7
;;    20: setl al
;;    24: movzx edi, al
;;    28: cmp rsi, 0x64
;;    2c: setae al
;;    30: movzx r8d, al
;;    34: and edi, r8d
;;    37: test ebx, ebx
;;    39: sete al
;;    3d: movzx r8d, al
;;    41: and edi, r8d
;;    44: mov rbx, rdi
;;    47: mov rsp, rbp
;;    4a: pop rbp
;;    4b: ret
;;    4c: mov r11d, 9
;;    52: call qword ptr [r14+0x20]  ; trap site: wasm 0x19
