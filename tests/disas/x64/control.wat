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
;;    10: jb 0x6a
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: mov esi, [rbp-0x10]
;;    28: mov [rbp+0x10], ebx
;;    2b: test ebx, ebx
;;    2d: je 0x4d
;;    33: mov edi, esi
;;    35: add edi, ebx
;;    37: lea esi, [rbx-1]
;;    3c: mov [rbp-0x10], edi
;;    3f: mov [rbp+0x10], esi
;;    42: mov rbx, rsi
;;    45: mov esi, [rbp-0x10]
;;    48: jmp 0x2b
;;    4d: test esi, esi
;;    4f: jge 0x5a
;;    55: jmp 0x74
;;    5a: mov [rbp-0x18], esi
;;    5d: mov ebx, [rbp-0x18]
;;    60: jmp 0x65
;;    65: mov rsp, rbp
;;    68: pop rbp
;;    69: ret
;;    6a: mov r11d, 9
;;    70: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
;;    74: mov r11d, 1
;;    7a: call qword ptr [r14+0x20]  ; trap site: wasm 0x3d
