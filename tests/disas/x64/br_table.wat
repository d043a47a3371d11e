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
;;    15: jb 0x7a
;;    1b: lea rsp, [rbp-0x10]
;;    22: mov ebx, [rbp+0x10]
;;    26: mov eax, ebx
;;    29: cmp eax, 2
;;    2e: jae 0x51
;;    34: lea rcx, [0x84]
;;    3b: lea rcx, [rcx+rax*4]
;;    3f: movsxd rdx, [rcx]
;;    42: add rcx, rdx
;;    45: jmp rcx
;;    47: jmp 0x56
;;    4c: jmp 0x62
;;    51: jmp 0x6e
;;    56: mov dword ptr [rbp+0x10], 0xa
;;    5d: jmp 0x75
;;    62: mov dword ptr [rbp+0x10], 0x14
;;    69: jmp 0x75
;;    6e: mov dword ptr [rbp+0x10], 0x1e
;;    75: mov rsp, rbp
;;    78: pop rbp
;;    79: ret
;;    7a: mov r11d, 9
;;    80: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
;;    84: .long 0xffffffc3  ; -> 0x47
;;    88: .long 0xffffffc4  ; -> 0x4c
