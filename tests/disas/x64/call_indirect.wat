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
;;    10: jb 0x6a
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov rdi, rbx
;;    20: mov [rbp+0x18], ebx
;;    23: mov [rbp+0x10], esi
;;    26: mov rbx, rsi
;;    29: mov esi, 2
;;    2e: mov rcx, [r14+0x48]
;;    32: cmp rdi, [rcx+8]
;;    36: jae 0x74
;;    3c: mov rcx, [rcx]
;;    3f: mov rcx, [rcx+rdi*8]
;;    43: test rcx, rcx
;;    46: je 0x7e
;;    4c: mov edx, [r14+0x40]
;;    50: cmp rdx, [rcx+0x10]
;;    54: jne 0x88
;;    5a: mov r14, [rcx+8]
;;    5e: call qword ptr [rcx]
;;    61: mov r14, [rbp-8]
;;    65: mov rsp, rbp
;;    68: pop rbp
;;    69: ret
;;    6a: mov r11d, 9
;;    70: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;;    74: mov r11d, 0xc
;;    7a: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    7e: mov r11d, 8
;;    84: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
;;    88: mov r11d, 7
;;    8e: call qword ptr [r14+0x20]  ; trap site: wasm 0x26
