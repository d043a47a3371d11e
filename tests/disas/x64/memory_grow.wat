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
;;    15: jb 0x53
;;    1b: lea rsp, [rbp-0x10]
;;    22: mov ebx, [rbp+0x10]
;;    25: mov ebx, ebx
;;    28: push 0
;;    2d: push rbx
;;    2f: pop rdx
;;    31: pop rsi
;;    33: mov rdi, r14
;;    36: and rsp, 0xfffffffffffffff0
;;    3a: mov rax, [r14+0x18]
;;    3e: call qword ptr [rax]
;;    41: lea rsp, [rbp-0x10]
;;    48: mov rbx, rax
;;    4b: mov [rbp+0x10], ebx
;;    4e: mov rsp, rbp
;;    51: pop rbp
;;    52: ret
;;    53: mov r11d, 9
;;    59: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
