;;! debug = true
;; Debug code at br_if: a forward br_if (a loop's exit test) keeps its group going along the
;; fall-through, which has no machine site; the slow path takes the branch itself, and its
;; target (the block's end, reached by a conditional branch) has a site. A br_if back to the
;; loop's header ends its group: the code after it, run once when the loop is done, keeps a
;; site of its own.
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
;;     0: mov r15, [r14+8]
;;     4: mov r13, [r15+8]
;;     8: push rbp
;;     9: mov rbp, rsp
;;     c: push r14
;;     e: jmp short 0x1e
;;    10: nop [rax]
;;    17: nop [rax]
;;    1e: lea rsp, [rbp-0x20]
;;    25: test r13b, 1
;;    29: jne 0xbc
;;    2f: mov [rbp+0x18], ebx
;;    32: mov [rbp+0x10], esi
;;    35: mov rdi, [r14+0x48]
;;    39: mov rdi, [rdi]
;;    3c: mov r8, [r14+0x48]
;;    40: mov r8, [r8+8]
;;    44: test r13b, 2
;;    48: jne 0xc0
;;    4e: cmp ebx, esi
;;    50: jb 0x5e
;;    56: mov [rbp+0x18], ebx
;;    59: jmp 0xa7
;;    5e: mov eax, ebx
;;    60: lea rdx, [rax+4]
;;    64: cmp rdx, r8
;;    67: ja 0xd6
;;    6d: mov [rdi+rax], ebx
;;    72: lea r9d, [rbx+4]
;;    77: mov rbx, r9
;;    7a: mov r13, [r15+8]
;;    7e: cmp r9d, 0x40
;;    82: jb 0x44
;;    88: test r13b, 4
;;    8c: jne 0xc4
;;    92: lea r9d, [rbx+1]
;;    97: mov r13, [r15+8]
;;    9b: mov [rbp+0x18], r9d
;;    9f: mov rbx, r9
;;    a2: jmp 0x44
;;    a7: test r13b, 8
;;    ab: jne 0xc8
;;    b1: mov r9, rbx
;;    b4: mov rbx, r9
;;    b7: mov rsp, rbp
;;    ba: pop rbp
;;    bb: ret
;;    bc: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;    c0: call qword ptr [r15-8]  ; machine site 1 (resumes at 4e)
;;    c4: call qword ptr [r15-8]  ; machine site 2 (resumes at 92)
;;    c8: call qword ptr [r15-8]  ; machine site 3 (resumes at b1)
;;    cc: mov r11d, 9
;;    d2: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
;;    d6: mov r11d, 5
;;    dc: call qword ptr [r14+0x20]  ; trap site: wasm 0x2e
