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
;;    15: jb 0x8b
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x18]
;;    26: mov esi, [rbp+0x10]
;;    2a: mov [rbp-0x10], esi
;;    2e: mov esi, 2
;;    34: mov [rbp-0x18], esi
;;    38: mov eax, ebx
;;    3b: mov rcx, [r14+0x48]
;;    3f: cmp rax, [rcx+8]
;;    43: jae 0x95
;;    49: mov rcx, [rcx]
;;    4d: mov rcx, [rcx+rax*8]
;;    51: test rcx, rcx
;;    54: je 0x9f
;;    5a: mov edx, [r14+0x40]
;;    5e: cmp rdx, [rcx+0x10]
;;    62: jne 0xa9
;;    68: lea rsp, [rbp-0x18]
;;    6c: mov r14, [rcx+8]
;;    70: call qword ptr [rcx]
;;    73: mov r14, [rbp-8]
;;    77: lea rsp, [rbp-0x20]
;;    7e: mov ebx, [rbp-0x10]
;;    82: mov [rbp+0x18], ebx
;;    86: mov rsp, rbp
;;    89: pop rbp
;;    8a: ret
;;    8b: mov r11d, 9
;;    91: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;;    95: mov r11d, 0xc
;;    9b: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    9f: mov r11d, 8
;;    a5: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    a9: mov r11d, 7
;;    af: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
