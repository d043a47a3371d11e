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
;;    10: jb 0x47
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x10]
;;    20: mov [rsp], ebx
;;    23: call 0x28  ; reloc: function[1]
;;    28: mov ebx, [rsp]
;;    2b: mov [rsp], ebx
;;    2e: mov rax, [r14+0x48]
;;    32: mov r14, [r14+0x50]
;;    36: call rax
;;    38: mov r14, [rbp-8]
;;    3c: mov ebx, [rsp]
;;    3f: mov [rbp+0x10], ebx
;;    42: mov rsp, rbp
;;    45: pop rbp
;;    46: ret
;;    47: mov r11d, 9
;;    4d: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
