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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: mov [rbp+0x10], ebx
;;    28: mov esi, [rbp-0x10]
;;    2b: test ebx, ebx
;;    2d: jne 0x3e
;;    33: mov [rbp-0x10], esi
;;    36: mov [rbp+0x10], ebx
;;    39: jmp 0x48
;;    3e: add esi, ebx
;;    40: sub ebx, 1
;;    43: jmp 0x2b
;;    48: test esi, esi
;;    4a: jge 0x55
;;    50: jmp 0x6f
;;    55: mov [rbp-0x18], esi
;;    58: mov ebx, [rbp-0x18]
;;    5b: mov rsp, rbp
;;    5e: pop rbp
;;    5f: ret
;;    60: mov rsp, rbp
;;    63: pop rbp
;;    64: ret
;;    65: mov r11d, 9
;;    6b: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
;;    6f: mov r11d, 1
;;    75: call qword ptr [r14+0x20]  ; trap site: wasm 0x3d
