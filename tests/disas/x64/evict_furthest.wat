;;! guard_pages = true
;; More live locals than registers, read in the same cyclic order twice: when a register is
;; needed, the copy whose next read is furthest ahead gives way (not the least recently used,
;; which the cycle reads next), and a copy written again before it is read needs no write-back.
(module
  (memory 1)
  (func $cycle (param $p i32) (result i32) (local $l0 i32) (local $l1 i32) (local $l2 i32) (local $l3 i32) (local $l4 i32) (local $l5 i32) (local $l6 i32) (local $l7 i32) (local $l8 i32) (local $l9 i32) (local $l10 i32) (local $l11 i32)
    (local.set $l0 (i32.load offset=0 (local.get $p)))
    (local.set $l1 (i32.load offset=4 (local.get $p)))
    (local.set $l2 (i32.load offset=8 (local.get $p)))
    (local.set $l3 (i32.load offset=12 (local.get $p)))
    (local.set $l4 (i32.load offset=16 (local.get $p)))
    (local.set $l5 (i32.load offset=20 (local.get $p)))
    (local.set $l6 (i32.load offset=24 (local.get $p)))
    (local.set $l7 (i32.load offset=28 (local.get $p)))
    (local.set $l8 (i32.load offset=32 (local.get $p)))
    (local.set $l9 (i32.load offset=36 (local.get $p)))
    (local.set $l10 (i32.load offset=40 (local.get $p)))
    (local.set $l11 (i32.load offset=44 (local.get $p)))
    (i32.xor (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (local.get $l0) (local.get $l1)) (local.get $l2)) (local.get $l3)) (local.get $l4)) (local.get $l5)) (local.get $l6)) (local.get $l7)) (local.get $l8)) (local.get $l9)) (local.get $l10)) (local.get $l11))
      (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (local.get $l0) (local.get $l1)) (local.get $l2)) (local.get $l3)) (local.get $l4)) (local.get $l5)) (local.get $l6)) (local.get $l7)) (local.get $l8)) (local.get $l9)) (local.get $l10)) (local.get $l11))))
  ;; $l1 is written again before it is read: its copy gives way first, unwritten (dead).
  (func $dead (param $p i32) (result i32) (local $l0 i32) (local $l1 i32) (local $l2 i32) (local $l3 i32) (local $l4 i32) (local $l5 i32) (local $l6 i32) (local $l7 i32) (local $l8 i32) (local $l9 i32) (local $l10 i32)
    (local.set $l1 (i32.load offset=4 (local.get $p)))
    (local.set $l2 (i32.load offset=8 (local.get $p)))
    (local.set $l3 (i32.load offset=12 (local.get $p)))
    (local.set $l4 (i32.load offset=16 (local.get $p)))
    (local.set $l5 (i32.load offset=20 (local.get $p)))
    (local.set $l6 (i32.load offset=24 (local.get $p)))
    (local.set $l7 (i32.load offset=28 (local.get $p)))
    (local.set $l8 (i32.load offset=32 (local.get $p)))
    (local.set $l9 (i32.load offset=36 (local.get $p)))
    (local.set $l10 (i32.load offset=40 (local.get $p)))
    (local.set $l1 (i32.const 7))
    (local.set $l0 (i32.load offset=40 (local.get $p)))
    (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (local.get $l0) (local.get $l1)) (local.get $l2)) (local.get $l3)) (local.get $l4)) (local.get $l5)) (local.get $l6)) (local.get $l7)) (local.get $l8)) (local.get $l9)) (local.get $l10))))
;; function[0] $cycle:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x80]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x68], xmm15
;;    26: movups [rbp-0x58], xmm15
;;    2b: movups [rbp-0x48], xmm15
;;    30: movups [rbp-0x38], xmm15
;;    35: movups [rbp-0x28], xmm15
;;    3a: movups [rbp-0x18], xmm15
;;    3f: mov rdi, [r14+0x48]
;;    43: mov rdi, [rdi]
;;    46: mov esi, [rdi+rbx]  ; fault site: wasm 0x25
;;    4b: mov r8d, [rdi+rbx+4]  ; fault site: wasm 0x2c
;;    50: mov r9d, [rdi+rbx+8]  ; fault site: wasm 0x33
;;    55: mov r10d, [rdi+rbx+0xc]  ; fault site: wasm 0x3a
;;    5a: mov r12d, [rdi+rbx+0x10]  ; fault site: wasm 0x41
;;    5f: mov r13d, [rdi+rbx+0x14]  ; fault site: wasm 0x48
;;    64: mov r15d, [rdi+rbx+0x18]  ; fault site: wasm 0x4f
;;    69: mov r11d, [rdi+rbx+0x1c]  ; fault site: wasm 0x56
;;    6e: mov [rbp-0x48], r11d
;;    72: mov r11d, [rdi+rbx+0x20]  ; fault site: wasm 0x5d
;;    77: mov [rbp-0x50], r11d
;;    7b: mov r11d, [rdi+rbx+0x24]  ; fault site: wasm 0x64
;;    80: mov [rbp-0x58], r11d
;;    84: mov r11d, [rdi+rbx+0x28]  ; fault site: wasm 0x6b
;;    89: mov [rbp-0x60], r11d
;;    8d: mov r11d, [rdi+rbx+0x2c]  ; fault site: wasm 0x72
;;    92: mov [rbp+0x10], ebx
;;    95: mov ebx, esi
;;    97: add ebx, r8d
;;    9a: add ebx, r9d
;;    9d: add ebx, r10d
;;    a0: add ebx, r12d
;;    a3: add ebx, r13d
;;    a6: add ebx, r15d
;;    a9: mov edi, [rbp-0x48]
;;    ac: add ebx, edi
;;    ae: mov edi, [rbp-0x50]
;;    b1: add ebx, edi
;;    b3: mov edi, [rbp-0x58]
;;    b6: add ebx, edi
;;    b8: mov edi, [rbp-0x60]
;;    bb: add ebx, edi
;;    bd: add ebx, r11d
;;    c0: mov [rbp-0x68], r11d
;;    c4: mov r11d, esi
;;    c7: add r11d, r8d
;;    ca: add r11d, r9d
;;    cd: add r11d, r10d
;;    d0: add r11d, r12d
;;    d3: add r11d, r13d
;;    d6: add r11d, r15d
;;    d9: mov [rbp-0x18], r8d
;;    dd: mov r8d, [rbp-0x48]
;;    e1: add r11d, r8d
;;    e4: mov [rbp-0x10], esi
;;    e7: mov esi, [rbp-0x50]
;;    ea: add r11d, esi
;;    ed: mov [rbp-0x20], r9d
;;    f1: mov r9d, [rbp-0x58]
;;    f5: add r11d, r9d
;;    f8: add r11d, edi
;;    fb: mov [rbp-0x28], r10d
;;    ff: mov r10d, [rbp-0x68]
;;   103: add r11d, r10d
;;   106: xor ebx, r11d
;;   109: mov rsp, rbp
;;   10c: pop rbp
;;   10d: ret
;;   10e: mov r11d, 9
;;   114: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
;; function[1] $dead:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x70]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x60], xmm15
;;    26: movups [rbp-0x50], xmm15
;;    2b: movups [rbp-0x40], xmm15
;;    30: movups [rbp-0x30], xmm15
;;    35: movups [rbp-0x20], xmm15
;;    3a: movq [rbp-0x10], xmm15
;;    40: mov rdi, [r14+0x48]
;;    44: mov rdi, [rdi]
;;    47: mov esi, [rdi+rbx+4]  ; fault site: wasm 0xc5
;;    4c: mov r8d, [rdi+rbx+8]  ; fault site: wasm 0xcc
;;    51: mov r9d, [rdi+rbx+0xc]  ; fault site: wasm 0xd3
;;    56: mov r10d, [rdi+rbx+0x10]  ; fault site: wasm 0xda
;;    5b: mov r12d, [rdi+rbx+0x14]  ; fault site: wasm 0xe1
;;    60: mov r13d, [rdi+rbx+0x18]  ; fault site: wasm 0xe8
;;    65: mov r15d, [rdi+rbx+0x1c]  ; fault site: wasm 0xef
;;    6a: mov r11d, [rdi+rbx+0x20]  ; fault site: wasm 0xf6
;;    6f: mov esi, [rdi+rbx+0x24]  ; fault site: wasm 0xfd
;;    74: mov [rbp-0x58], esi
;;    77: mov esi, [rdi+rbx+0x28]  ; fault site: wasm 0x104
;;    7c: mov dword ptr [rbp-0x18], 7
;;    83: mov [rbp-0x60], esi
;;    86: mov esi, [rdi+rbx+0x28]  ; fault site: wasm 0x10f
;;    8b: mov [rbp+0x10], ebx
;;    8e: mov ebx, [rbp-0x18]
;;    91: mov edi, esi
;;    93: add edi, ebx
;;    95: add edi, r8d
;;    98: add edi, r9d
;;    9b: add edi, r10d
;;    9e: add edi, r12d
;;    a1: add edi, r13d
;;    a4: add edi, r15d
;;    a7: add edi, r11d
;;    aa: mov ebx, [rbp-0x58]
;;    ad: add edi, ebx
;;    af: mov [rbp-0x10], esi
;;    b2: mov esi, [rbp-0x60]
;;    b5: add edi, esi
;;    b7: mov rbx, rdi
;;    ba: mov rsp, rbp
;;    bd: pop rbp
;;    be: ret
;;    bf: mov r11d, 9
;;    c5: call qword ptr [r14+0x20]  ; trap site: wasm 0xc0
