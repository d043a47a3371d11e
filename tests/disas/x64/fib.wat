;;! guard_pages = true
;; fib: the leaf's jump to the shared exit is the epilogue itself (one taken branch less per call).
(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (i32.lt_s (local.get $n) (i32.const 0))
      (then (return (i32.const -1))))
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
)
;; function[0] $fib:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x6b
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov [rbp+0x10], ebx
;;    20: test ebx, ebx
;;    22: jge 0x32
;;    28: mov ebx, 0xffffffff
;;    2d: mov rsp, rbp
;;    30: pop rbp
;;    31: ret
;;    32: cmp ebx, 2
;;    35: jae 0x40
;;    3b: mov rsp, rbp
;;    3e: pop rbp
;;    3f: ret
;;    40: lea esi, [rbx-1]
;;    45: mov rbx, rsi
;;    48: call 0x4d  ; reloc: function[0]
;;    4d: mov esi, [rbp+0x10]
;;    50: sub esi, 2
;;    53: mov [rbp-0x10], ebx
;;    56: mov rbx, rsi
;;    59: call 0x5e  ; reloc: function[0]
;;    5e: mov esi, [rbp-0x10]
;;    61: add esi, ebx
;;    63: mov rbx, rsi
;;    66: mov rsp, rbp
;;    69: pop rbp
;;    6a: ret
;;    6b: mov r11d, 9
;;    71: call qword ptr [r14+0x20]  ; trap site: wasm 0x21
