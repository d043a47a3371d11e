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
;;    15: jb 0x9d
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov qword ptr [rbp-0x10], 0
;;    2a: mov ebx, [rbp+0x10]
;;    2e: test ebx, ebx
;;    31: sete al
;;    35: movzx ebx, al
;;    39: test ebx, ebx
;;    3c: jne 0x62
;;    42: mov ebx, [rbp+0x10]
;;    46: mov esi, [rbp-0x10]
;;    4a: add esi, ebx
;;    4d: mov [rbp-0x10], esi
;;    51: mov ebx, [rbp+0x10]
;;    55: sub ebx, 1
;;    59: mov [rbp+0x10], ebx
;;    5d: jmp 0x2a
;;    62: mov ebx, [rbp-0x10]
;;    66: cmp ebx, 0
;;    6d: setl al
;;    71: movzx ebx, al
;;    75: test ebx, ebx
;;    78: je 0x83
;;    7e: jmp 0xa7
;;    83: mov ebx, [rbp-0x10]
;;    87: mov [rbp-0x18], ebx
;;    8b: mov ebx, [rbp-0x18]
;;    8f: mov [rbp+0x10], ebx
;;    93: jmp 0x98
;;    98: mov rsp, rbp
;;    9b: pop rbp
;;    9c: ret
;;    9d: mov r11d, 9
;;    a3: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
;;    a7: mov r11d, 1
;;    ad: call qword ptr [r14+0x20]  ; trap site: wasm 0x3d
