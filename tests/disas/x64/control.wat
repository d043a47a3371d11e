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
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x6f
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: mov ebx, [rbp+0x10]
;;    28: mov esi, [rbp-0x10]
;;    2b: test ebx, ebx
;;    2d: je 0x4f
;;    33: mov rdi, rsi
;;    36: add edi, ebx
;;    38: mov [rbp-0x10], edi
;;    3b: mov rsi, rbx
;;    3e: sub esi, 1
;;    41: mov [rbp+0x10], esi
;;    44: mov rbx, rsi
;;    47: mov esi, [rbp-0x10]
;;    4a: jmp 0x2b
;;    4f: test esi, esi
;;    51: jge 0x5c
;;    57: jmp 0x79
;;    5c: mov [rbp-0x18], esi
;;    5f: mov edi, [rbp-0x18]
;;    62: mov [rbp+0x10], edi
;;    65: jmp 0x6a
;;    6a: mov rsp, rbp
;;    6d: pop rbp
;;    6e: ret
;;    6f: mov r11d, 9
;;    75: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
;;    79: mov r11d, 1
;;    7f: call qword ptr [r14+0x20]  ; trap site: wasm 0x3d
