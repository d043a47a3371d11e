;; br_table: a bounds check to the default target, then a jump through a table.
(module
  (func $classify (param $k i32) (result i32)
    (block $two
      (block $one
        (block $zero
          (br_table $zero $one $two (local.get $k)))
        (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30)))
;; function[0] $classify:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x110]
;;    11: cmp rcx, [rax]
;;    15: jb 0x79
;;    1b: lea rsp, [rbp-0x10]
;;    22: mov ebx, [rbp+0x10]
;;    25: mov eax, ebx
;;    28: cmp eax, 2
;;    2d: jae 0x50
;;    33: lea rcx, [0x84]
;;    3a: lea rcx, [rcx+rax*4]
;;    3e: movsxd rdx, [rcx]
;;    41: add rcx, rdx
;;    44: jmp rcx
;;    46: jmp 0x55
;;    4b: jmp 0x61
;;    50: jmp 0x6d
;;    55: mov dword ptr [rbp+0x10], 0xa
;;    5c: jmp 0x74
;;    61: mov dword ptr [rbp+0x10], 0x14
;;    68: jmp 0x74
;;    6d: mov dword ptr [rbp+0x10], 0x1e
;;    74: mov rsp, rbp
;;    77: pop rbp
;;    78: ret
;;    79: mov r11d, 9
;;    7f: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
;;    83: int3
;;    84: .long 0xffffffc2  ; -> 0x46
;;    88: .long 0xffffffc3  ; -> 0x4b
