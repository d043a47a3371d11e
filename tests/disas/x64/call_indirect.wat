;; call_indirect: table bounds check, null and signature checks (traps), then the call.
(module
  (type $binop (func (param i32 i32) (result i32)))
  (table 4 funcref)
  (func $dispatch (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $binop) (local.get $x) (i32.const 2) (local.get $slot))))
;; function[0] $dispatch:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x6d
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov rdi, rbx
;;    20: mov [rbp+0x18], ebx
;;    23: mov [rbp+0x10], esi
;;    26: mov rbx, rsi
;;    29: mov esi, 2
;;    2e: mov eax, edi
;;    31: mov rcx, [r14+0x48]
;;    35: cmp rax, [rcx+8]
;;    39: jae 0x77
;;    3f: mov rcx, [rcx]
;;    42: mov rcx, [rcx+rax*8]
;;    46: test rcx, rcx
;;    49: je 0x81
;;    4f: mov edx, [r14+0x40]
;;    53: cmp rdx, [rcx+0x10]
;;    57: jne 0x8b
;;    5d: mov r14, [rcx+8]
;;    61: call qword ptr [rcx]
;;    64: mov r14, [rbp-8]
;;    68: mov rsp, rbp
;;    6b: pop rbp
;;    6c: ret
;;    6d: mov r11d, 9
;;    73: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;;    77: mov r11d, 0xc
;;    7d: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    81: mov r11d, 8
;;    87: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    8b: mov r11d, 7
;;    91: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
