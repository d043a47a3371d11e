;; memory.grow calls a runtime function through the libcall table.
(module
  (memory 1 10)
  (func $grow (param $pages i32) (result i32)
    (memory.grow (local.get $pages))))
;; function[0] $grow:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x110]
;;    11: cmp rcx, [rax]
;;    15: jb 0x55
;;    1b: lea rsp, [rbp-0x10]
;;    22: mov ebx, [rbp+0x10]
;;    26: mov ebx, ebx
;;    29: push 0
;;    2e: push rbx
;;    30: pop rdx
;;    32: pop rsi
;;    34: mov rdi, r14
;;    37: and rsp, 0xfffffffffffffff0
;;    3b: mov rax, [r14+0x18]
;;    3f: call qword ptr [rax]
;;    42: lea rsp, [rbp-0x10]
;;    49: mov rbx, rax
;;    4c: mov [rbp+0x10], ebx
;;    50: mov rsp, rbp
;;    53: pop rbp
;;    54: ret
;;    55: mov r11d, 9
;;    5b: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
