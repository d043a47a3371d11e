;; A direct call (a relocation placeholder until linking) and a call of an imported function
;; (through its function reference in the vmctx).
(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (func $callee (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func $caller (param $x i32) (result i32)
    (call $host (call $callee (local.get $x)))))
;; function[1] $callee:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: add ebx, 1
;;    20: mov rsp, rbp
;;    23: pop rbp
;;    24: ret
;;    25: mov r11d, 9
;;    2b: call qword ptr [r14+0x20]  ; trap site: wasm 0x27
;; function[2] $caller:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x38
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov [rbp+0x10], ebx
;;    20: call 0x25  ; reloc: function[1]
;;    25: mov rax, [r14+0x48]
;;    29: mov r14, [r14+0x50]
;;    2d: call rax
;;    2f: mov r14, [rbp-8]
;;    33: mov rsp, rbp
;;    36: pop rbp
;;    37: ret
;;    38: mov r11d, 9
;;    3e: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
