;; Locals in code without debugging: `local.set` leaves the value in a register, written to
;; the slot only when that register is needed or before a branch or call (the chain below
;; stores nothing until the `br_if`). A loop that calls keeps at its header only the locals
;; it reads before writing them: $n (read only outside the inner loop) and $y (written
;; before it is read) are not reloaded after each call.
(module
  (func $f (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $chain (param $a i32) (param $b i32) (result i32)
    (local.set $a (i32.add (local.get $a) (local.get $b)))
    (local.set $b (i32.xor (local.get $b) (local.get $a)))
    (local.set $a (i32.rotl (local.get $a) (i32.const 7)))
    (drop (br_if 0 (local.get $a) (local.get $b)))
    (i32.add (local.get $a) (local.get $b)))
  (func $loop_calls (param $n i32) (param $x i32) (result i32) (local $y i32) (local $i i32)
    (loop $outer
      (loop $inner
        (local.set $y (i32.add (local.get $x) (i32.const 1)))
        (local.set $x (call $f (local.get $y) (local.get $i)))
        (br_if $inner (local.get $x)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $x)))
;; function[0] $f:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: add ebx, esi
;;    1f: mov rsp, rbp
;;    22: pop rbp
;;    23: ret
;;    24: mov r11d, 9
;;    2a: call qword ptr [r14+0x20]  ; trap site: wasm 0x1b
;; function[1] $chain:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: add ebx, esi
;;    1f: xor esi, ebx
;;    21: rol ebx, 7
;;    24: mov [rbp-0x10], ebx
;;    27: test esi, esi
;;    29: je 0x37
;;    2f: mov ebx, [rbp-0x10]
;;    32: mov rsp, rbp
;;    35: pop rbp
;;    36: ret
;;    37: add ebx, esi
;;    39: mov rsp, rbp
;;    3c: pop rbp
;;    3d: ret
;;    3e: mov r11d, 9
;;    44: call qword ptr [r14+0x20]  ; trap site: wasm 0x23
;; function[2] $loop_calls:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x140]
;;     d: cmp rcx, [r14]
;;    10: jb 0x81
;;    16: lea rsp, [rbp-0x40]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x18], xmm15
;;    26: mov [rbp+0x18], ebx
;;    29: mov [rbp+0x10], esi
;;    2c: mov edi, [rbp-0x18]
;;    2f: mov r8d, [rbp-0x10]
;;    33: lea ebx, [rsi+1]
;;    38: mov [rbp-0x10], ebx
;;    3b: mov rsi, rdi
;;    3e: call 0x43  ; reloc: function[0]
;;    43: mov edi, [rbp-0x18]
;;    46: mov rsi, rbx
;;    49: test ebx, ebx
;;    4b: je 0x59
;;    51: mov [rbp+0x10], esi
;;    54: jmp 0x33
;;    59: add edi, 1
;;    5c: mov ebx, [rbp+0x18]
;;    5f: mov r8d, [rbp-0x10]
;;    63: cmp edi, ebx
;;    65: jae 0x76
;;    6b: mov [rbp+0x10], esi
;;    6e: mov [rbp-0x18], edi
;;    71: jmp 0x33
;;    76: mov [rbp-0x20], esi
;;    79: mov ebx, [rbp-0x20]
;;    7c: mov rsp, rbp
;;    7f: pop rbp
;;    80: ret
;;    81: mov r11d, 9
;;    87: call qword ptr [r14+0x20]  ; trap site: wasm 0x47
