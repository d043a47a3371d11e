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
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x74
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov ebx, [rbp+0x10]
;;    20: mov eax, ebx
;;    23: cmp eax, 2
;;    28: jae 0x4b
;;    2e: lea rcx, [0x80]
;;    35: lea rcx, [rcx+rax*4]
;;    39: movsxd rdx, [rcx]
;;    3c: add rcx, rdx
;;    3f: jmp rcx
;;    41: jmp 0x50
;;    46: jmp 0x5c
;;    4b: jmp 0x68
;;    50: mov dword ptr [rbp+0x10], 0xa
;;    57: jmp 0x6f
;;    5c: mov dword ptr [rbp+0x10], 0x14
;;    63: jmp 0x6f
;;    68: mov dword ptr [rbp+0x10], 0x1e
;;    6f: mov rsp, rbp
;;    72: pop rbp
;;    73: ret
;;    74: mov r11d, 9
;;    7a: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
;;    7e: int3
;;    7f: int3
;;    80: .long 0xffffffc1  ; -> 0x41
;;    84: .long 0xffffffc2  ; -> 0x46
