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
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x2b
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x10]
;;    20: add ebx, 1
;;    23: mov [rbp+0x10], ebx
;;    26: mov rsp, rbp
;;    29: pop rbp
;;    2a: ret
;;    2b: mov r11d, 9
;;    31: call qword ptr [r14+0x20]  ; trap site: wasm 0x27
;; function[2] $caller:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x57
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x10]
;;    20: mov [rbp-0x10], ebx
;;    23: lea rsp, [rbp-0x10]
;;    27: call 0x2c  ; reloc: function[1]
;;    2c: lea rsp, [rbp-0x20]
;;    33: lea rsp, [rbp-0x10]
;;    37: mov rax, [r14+0x48]
;;    3b: mov r14, [r14+0x50]
;;    3f: call rax
;;    41: mov r14, [rbp-8]
;;    45: lea rsp, [rbp-0x20]
;;    4c: mov ebx, [rbp-0x10]
;;    4f: mov [rbp+0x10], ebx
;;    52: mov rsp, rbp
;;    55: pop rbp
;;    56: ret
;;    57: mov r11d, 9
;;    5d: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
