;; block, loop, br, br_if, if/else, return and unreachable.
(module
  (func $sum_to (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (if (result i32) (i32.lt_s (local.get $acc) (i32.const 0))
      (then (unreachable))
      (else (return (local.get $acc))))))
;; function[0] $sum_to:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x74
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov qword ptr [rbp-0x10], 0
;;    2a: mov ebx, [rbp+0x10]
;;    2d: mov esi, [rbp-0x10]
;;    30: test ebx, ebx
;;    32: je 0x54
;;    38: mov rdi, rsi
;;    3b: add edi, ebx
;;    3d: mov [rbp-0x10], edi
;;    40: mov rsi, rbx
;;    43: sub esi, 1
;;    46: mov [rbp+0x10], esi
;;    49: mov rbx, rsi
;;    4c: mov esi, [rbp-0x10]
;;    4f: jmp 0x30
;;    54: test esi, esi
;;    56: jge 0x61
;;    5c: jmp 0x7e
;;    61: mov [rbp-0x18], esi
;;    64: mov edi, [rbp-0x18]
;;    67: mov [rbp+0x10], edi
;;    6a: jmp 0x6f
;;    6f: mov rsp, rbp
;;    72: pop rbp
;;    73: ret
;;    74: mov r11d, 9
;;    7a: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
;;    7e: mov r11d, 1
;;    84: call qword ptr [r14+0x20]  ; trap site: wasm 0x3d
