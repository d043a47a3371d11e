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
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x33
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x10]
;;    26: add ebx, 1
;;    2a: mov [rbp+0x10], ebx
;;    2e: mov rsp, rbp
;;    31: pop rbp
;;    32: ret
;;    33: mov r11d, 9
;;    39: call qword ptr [r14+0x20]  ; trap site: wasm 0x27
;; function[2] $caller:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x60
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x10]
;;    26: mov [rbp-0x10], ebx
;;    2a: lea rsp, [rbp-0x10]
;;    2e: call 0x33  ; reloc: function[1]
;;    33: lea rsp, [rbp-0x20]
;;    3a: lea rsp, [rbp-0x10]
;;    3e: mov rax, [r14+0x48]
;;    42: mov r14, [r14+0x50]
;;    46: call rax
;;    48: mov r14, [rbp-8]
;;    4c: lea rsp, [rbp-0x20]
;;    53: mov ebx, [rbp-0x10]
;;    57: mov [rbp+0x10], ebx
;;    5b: mov rsp, rbp
;;    5e: pop rbp
;;    5f: ret
;;    60: mov r11d, 9
;;    66: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
