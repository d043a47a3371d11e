;;! debug = true
;; Debug code at br_if: the code after a forward br_if (a loop's exit test here, but as often
;; the skip over rare code, `if (rare)` lowered to block/br_if) and after a br_if back to the
;; loop's header has a machine site of its own, so that a breakpoint there costs nothing while
;; the code does not run; the slow path takes the branch itself. The forward br_if's target
;; (the block's end, reached by a conditional branch) has a site too.
(module
  (memory 1)
  (func $f (param $p i32) (param $n i32) (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $n)))
        (i32.store (local.get $p) (local.get $p))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (i32.lt_u (local.get $p) (i32.const 64)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l)))
    (local.get $p)))
;; function[0] $f:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov r15, [r14+8]
;;    21: mov r13, [r15+8]
;;    25: test r13b, 1
;;    29: jne 0xc6
;;    2f: mov [rbp+0x18], ebx
;;    32: mov [rbp+0x10], esi
;;    35: mov rdi, [r14+0x48]
;;    39: mov rdi, [rdi]
;;    3c: test r13b, 2
;;    40: jne 0xca
;;    46: cmp ebx, esi
;;    48: jb 0x56
;;    4e: mov [rbp+0x18], ebx
;;    51: jmp 0xb1
;;    56: test r13b, 4
;;    5a: jne 0xce
;;    60: mov r8, [r14+0x48]
;;    64: mov r8, [r8+8]
;;    68: mov eax, ebx
;;    6a: lea rdx, [rax+4]
;;    6e: cmp rdx, r8
;;    71: ja 0xe4
;;    77: mov [rdi+rax], ebx
;;    7c: lea r9d, [rbx+4]
;;    81: mov rbx, r9
;;    84: mov r13, [r15+8]
;;    88: cmp r9d, 0x40
;;    8c: jb 0x3c
;;    92: test r13b, 8
;;    96: jne 0xd2
;;    9c: lea r9d, [rbx+1]
;;    a1: mov r13, [r15+8]
;;    a5: mov [rbp+0x18], r9d
;;    a9: mov rbx, r9
;;    ac: jmp 0x3c
;;    b1: test r13b, 0x10
;;    b5: jne 0xd6
;;    bb: mov r8, rbx
;;    be: mov rbx, r8
;;    c1: mov rsp, rbp
;;    c4: pop rbp
;;    c5: ret
;;    c6: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;    ca: call qword ptr [r15-8]  ; machine site 1 (resumes at 46)
;;    ce: call qword ptr [r15-8]  ; machine site 2 (resumes at 60)
;;    d2: call qword ptr [r15-8]  ; machine site 3 (resumes at 9c)
;;    d6: call qword ptr [r15-8]  ; machine site 4 (resumes at bb)
;;    da: mov r11d, 9
;;    e0: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
;;    e4: mov r11d, 5
;;    ea: call qword ptr [r14+0x20]  ; trap site: wasm 0x2e
