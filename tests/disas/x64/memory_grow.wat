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
;;    10: jb 0x4e
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov rsi, rbx
;;    20: mov esi, esi
;;    23: mov [rbp+0x10], ebx
;;    26: push 0
;;    2b: push rsi
;;    2d: pop rdx
;;    2f: pop rsi
;;    31: mov rdi, r14
;;    34: and rsp, 0xfffffffffffffff0
;;    38: mov rax, [r14+0x18]
;;    3c: call qword ptr [rax]
;;    3f: lea rsp, [rbp-0x10]
;;    46: mov rbx, rax
;;    49: mov rsp, rbp
;;    4c: pop rbp
;;    4d: ret
;;    4e: mov r11d, 9
;;    54: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
