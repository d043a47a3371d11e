;; memory.grow calls a runtime function through the libcall table.
(module
  (memory 1 10)
  (func $grow (param $pages i32) (result i32)
    (memory.grow (local.get $pages))))
;; function[0] $grow:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x4b
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov rsi, rbx
;;    20: mov [rbp+0x10], ebx
;;    23: push 0
;;    28: push rsi
;;    2a: pop rdx
;;    2c: pop rsi
;;    2e: mov rdi, r14
;;    31: and rsp, 0xfffffffffffffff0
;;    35: mov rax, [r14+0x18]
;;    39: call qword ptr [rax]
;;    3c: lea rsp, [rbp-0x10]
;;    43: mov rbx, rax
;;    46: mov rsp, rbp
;;    49: pop rbp
;;    4a: ret
;;    4b: mov r11d, 9
;;    51: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
