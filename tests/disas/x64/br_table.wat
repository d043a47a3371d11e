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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov rsi, rbx
;;    20: mov [rbp+0x10], ebx
;;    23: mov eax, esi
;;    26: cmp eax, 2
;;    2b: jae 0x4e
;;    31: lea rcx, [0x7c]
;;    38: lea rcx, [rcx+rax*4]
;;    3c: movsxd rdx, [rcx]
;;    3f: add rcx, rdx
;;    42: jmp rcx
;;    44: jmp 0x53
;;    49: jmp 0x5d
;;    4e: jmp 0x67
;;    53: mov ebx, 0xa
;;    58: mov rsp, rbp
;;    5b: pop rbp
;;    5c: ret
;;    5d: mov ebx, 0x14
;;    62: mov rsp, rbp
;;    65: pop rbp
;;    66: ret
;;    67: mov ebx, 0x1e
;;    6c: mov rsp, rbp
;;    6f: pop rbp
;;    70: ret
;;    71: mov r11d, 9
;;    77: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
;;    7b: int3
;;    7c: .long 0xffffffc8  ; -> 0x44
;;    80: .long 0xffffffc9  ; -> 0x49
