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
;;    10: jb 0x74
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov ebx, [rbp+0x18]
;;    20: mov esi, [rbp+0x10]
;;    23: mov [rsp+8], esi
;;    27: mov dword ptr [rsp], 2
;;    2e: mov eax, ebx
;;    31: mov rcx, [r14+0x48]
;;    35: cmp rax, [rcx+8]
;;    39: jae 0x7e
;;    3f: mov rcx, [rcx]
;;    42: mov rcx, [rcx+rax*8]
;;    46: test rcx, rcx
;;    49: je 0x88
;;    4f: mov edx, [r14+0x40]
;;    53: cmp rdx, [rcx+0x10]
;;    57: jne 0x92
;;    5d: mov r14, [rcx+8]
;;    61: call qword ptr [rcx]
;;    64: mov r14, [rbp-8]
;;    68: mov ebx, [rsp+8]
;;    6c: mov [rbp+0x18], ebx
;;    6f: mov rsp, rbp
;;    72: pop rbp
;;    73: ret
;;    74: mov r11d, 9
;;    7a: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;;    7e: mov r11d, 0xc
;;    84: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    88: mov r11d, 8
;;    8e: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    92: mov r11d, 7
;;    98: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
