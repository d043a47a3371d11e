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
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x83
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x18]
;;    25: mov esi, [rbp+0x10]
;;    28: mov [rbp-0x10], esi
;;    2b: mov esi, 2
;;    30: mov [rbp-0x18], esi
;;    33: mov eax, ebx
;;    36: mov rcx, [r14+0x48]
;;    3a: cmp rax, [rcx+8]
;;    3e: jae 0x8d
;;    44: mov rcx, [rcx]
;;    47: mov rcx, [rcx+rax*8]
;;    4b: test rcx, rcx
;;    4e: je 0x97
;;    54: mov edx, [r14+0x40]
;;    58: cmp rdx, [rcx+0x10]
;;    5c: jne 0xa1
;;    62: lea rsp, [rbp-0x18]
;;    66: mov r14, [rcx+8]
;;    6a: call qword ptr [rcx]
;;    6d: mov r14, [rbp-8]
;;    71: lea rsp, [rbp-0x20]
;;    78: mov ebx, [rbp-0x10]
;;    7b: mov [rbp+0x18], ebx
;;    7e: mov rsp, rbp
;;    81: pop rbp
;;    82: ret
;;    83: mov r11d, 9
;;    89: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;;    8d: mov r11d, 0xc
;;    93: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    97: mov r11d, 8
;;    9d: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    a1: mov r11d, 7
;;    a7: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
