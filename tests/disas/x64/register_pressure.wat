;;! guard_pages = true
;; Ten values live at once (right-nested adds of loads): x64 allocates its tenth register, r11,
;; in code without debugging only (debug code keeps it as its scratch register).
(module
  (memory 1)
  (func $sum10 (param $p i32) (result i32)
    (i32.add (i32.load offset=0 (local.get $p))
      (i32.add (i32.load offset=4 (local.get $p))
      (i32.add (i32.load offset=8 (local.get $p))
      (i32.add (i32.load offset=12 (local.get $p))
      (i32.add (i32.load offset=16 (local.get $p))
      (i32.add (i32.load offset=20 (local.get $p))
      (i32.add (i32.load offset=24 (local.get $p))
      (i32.add (i32.load offset=28 (local.get $p))
      (i32.add (i32.load offset=32 (local.get $p))
      (i32.load offset=36 (local.get $p)))))))))))))
;; function[0] $sum10:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x60]
;;    1d: mov rdi, [r14+0x50]
;;    21: mov esi, [rdi+rbx]  ; fault site: wasm 0x20
;;    26: mov r8d, [rdi+rbx+4]  ; fault site: wasm 0x25
;;    2b: mov r9d, [rdi+rbx+8]  ; fault site: wasm 0x2a
;;    30: mov r10d, [rdi+rbx+0xc]  ; fault site: wasm 0x2f
;;    35: mov r12d, [rdi+rbx+0x10]  ; fault site: wasm 0x34
;;    3a: mov r13d, [rdi+rbx+0x14]  ; fault site: wasm 0x39
;;    3f: mov r15d, [rdi+rbx+0x18]  ; fault site: wasm 0x3e
;;    44: mov r11d, [rdi+rbx+0x1c]  ; fault site: wasm 0x43
;;    49: mov rcx, [r14+0x50]
;;    4d: mov edi, [rcx+rbx+0x20]  ; fault site: wasm 0x48
;;    52: mov [rbp-0x10], esi
;;    55: mov rcx, [r14+0x50]
;;    59: mov esi, [rcx+rbx+0x24]  ; fault site: wasm 0x4d
;;    5e: add edi, esi
;;    60: add r11d, edi
;;    63: add r15d, r11d
;;    66: add r13d, r15d
;;    69: add r12d, r13d
;;    6c: add r10d, r12d
;;    6f: add r9d, r10d
;;    72: add r8d, r9d
;;    75: mov esi, [rbp-0x10]
;;    78: add esi, r8d
;;    7b: mov rbx, rsi
;;    7e: mov rsp, rbp
;;    81: pop rbp
;;    82: ret
;;    83: mov r11d, 9
;;    89: call qword ptr [r14+0x20]  ; trap site: wasm 0x1d
