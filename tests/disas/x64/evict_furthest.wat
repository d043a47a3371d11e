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
;;    3f: mov rdi, [r14+0x50]
;;    43: mov esi, [rdi+rbx]  ; fault site: wasm 0x25
;;    48: mov r8d, [rdi+rbx+4]  ; fault site: wasm 0x2c
;;    4d: mov r9d, [rdi+rbx+8]  ; fault site: wasm 0x33
;;    52: mov r10d, [rdi+rbx+0xc]  ; fault site: wasm 0x3a
;;    57: mov r12d, [rdi+rbx+0x10]  ; fault site: wasm 0x41
;;    5c: mov r13d, [rdi+rbx+0x14]  ; fault site: wasm 0x48
;;    61: mov r15d, [rdi+rbx+0x18]  ; fault site: wasm 0x4f
;;    66: mov r11d, [rdi+rbx+0x1c]  ; fault site: wasm 0x56
;;    6b: mov [rbp-0x48], r11d
;;    6f: mov r11d, [rdi+rbx+0x20]  ; fault site: wasm 0x5d
;;    74: mov [rbp-0x50], r11d
;;    78: mov r11d, [rdi+rbx+0x24]  ; fault site: wasm 0x64
;;    7d: mov [rbp-0x58], r11d
;;    81: mov r11d, [rdi+rbx+0x28]  ; fault site: wasm 0x6b
;;    86: mov [rbp-0x60], r11d
;;    8a: mov r11d, [rdi+rbx+0x2c]  ; fault site: wasm 0x72
;;    8f: mov [rbp+0x10], ebx
;;    92: mov ebx, esi
;;    94: add ebx, r8d
;;    97: add ebx, r9d
;;    9a: add ebx, r10d
;;    9d: add ebx, r12d
;;    a0: add ebx, r13d
;;    a3: add ebx, r15d
;;    a6: mov edi, [rbp-0x48]
;;    a9: add ebx, edi
;;    ab: mov edi, [rbp-0x50]
;;    ae: add ebx, edi
;;    b0: mov edi, [rbp-0x58]
;;    b3: add ebx, edi
;;    b5: mov edi, [rbp-0x60]
;;    b8: add ebx, edi
;;    ba: add ebx, r11d
;;    bd: add esi, r8d
;;    c0: add esi, r9d
;;    c3: add esi, r10d
;;    c6: add esi, r12d
;;    c9: add esi, r13d
;;    cc: add esi, r15d
;;    cf: mov [rbp-0x18], r8d
;;    d3: mov r8d, [rbp-0x48]
;;    d7: add esi, r8d
;;    da: mov [rbp-0x20], r9d
;;    de: mov r9d, [rbp-0x50]
;;    e2: add esi, r9d
;;    e5: mov [rbp-0x28], r10d
;;    e9: mov r10d, [rbp-0x58]
;;    ed: add esi, r10d
;;    f0: add esi, edi
;;    f2: add esi, r11d
;;    f5: xor ebx, esi
;;    f7: mov rsp, rbp
;;    fa: pop rbp
;;    fb: ret
;;    fc: mov r11d, 9
;;   102: call qword ptr [r14+0x20]  ; trap site: wasm 0x20
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
;;    40: mov rdi, [r14+0x50]
;;    44: mov esi, [rdi+rbx+4]  ; fault site: wasm 0xc5
;;    49: mov r8d, [rdi+rbx+8]  ; fault site: wasm 0xcc
;;    4e: mov r9d, [rdi+rbx+0xc]  ; fault site: wasm 0xd3
;;    53: mov r10d, [rdi+rbx+0x10]  ; fault site: wasm 0xda
;;    58: mov r12d, [rdi+rbx+0x14]  ; fault site: wasm 0xe1
;;    5d: mov r13d, [rdi+rbx+0x18]  ; fault site: wasm 0xe8
;;    62: mov r15d, [rdi+rbx+0x1c]  ; fault site: wasm 0xef
;;    67: mov r11d, [rdi+rbx+0x20]  ; fault site: wasm 0xf6
;;    6c: mov esi, [rdi+rbx+0x24]  ; fault site: wasm 0xfd
;;    71: mov [rbp-0x58], esi
;;    74: mov esi, [rdi+rbx+0x28]  ; fault site: wasm 0x104
;;    79: mov dword ptr [rbp-0x18], 7
;;    80: mov [rbp-0x60], esi
;;    83: mov esi, [rdi+rbx+0x28]  ; fault site: wasm 0x10f
;;    88: mov [rbp+0x10], ebx
;;    8b: mov ebx, [rbp-0x18]
;;    8e: add esi, ebx
;;    90: add esi, r8d
;;    93: add esi, r9d
;;    96: add esi, r10d
;;    99: add esi, r12d
;;    9c: add esi, r13d
;;    9f: add esi, r15d
;;    a2: add esi, r11d
;;    a5: mov edi, [rbp-0x58]
;;    a8: add esi, edi
;;    aa: mov ebx, [rbp-0x60]
;;    ad: add esi, ebx
;;    af: mov rbx, rsi
;;    b2: mov rsp, rbp
;;    b5: pop rbp
;;    b6: ret
;;    b7: mov r11d, 9
;;    bd: call qword ptr [r14+0x20]  ; trap site: wasm 0xc0
