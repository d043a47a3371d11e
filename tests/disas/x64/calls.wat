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
;;    15: jb 0x30
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x10]
;;    25: add ebx, 1
;;    28: mov [rbp+0x10], ebx
;;    2b: mov rsp, rbp
;;    2e: pop rbp
;;    2f: ret
;;    30: mov r11d, 9
;;    36: call qword ptr [r14+0x20]  ; trap site: wasm 0x27
;; function[2] $caller:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x5c
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x10]
;;    25: mov [rbp-0x10], ebx
;;    28: lea rsp, [rbp-0x10]
;;    2c: call 0x31  ; reloc: function[1]
;;    31: lea rsp, [rbp-0x20]
;;    38: lea rsp, [rbp-0x10]
;;    3c: mov rax, [r14+0x48]
;;    40: mov r14, [r14+0x50]
;;    44: call rax
;;    46: mov r14, [rbp-8]
;;    4a: lea rsp, [rbp-0x20]
;;    51: mov ebx, [rbp-0x10]
;;    54: mov [rbp+0x10], ebx
;;    57: mov rsp, rbp
;;    5a: pop rbp
;;    5b: ret
;;    5c: mov r11d, 9
;;    62: call qword ptr [r14+0x20]  ; trap site: wasm 0x2f
