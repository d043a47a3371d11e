;;! guard_pages = true
;; The benchmark program bench/wat/mixed.wat (a copy), with guard pages as the CLI runs it: its hot
;; code, kept in view.
;; mixed: the second benchmark program. Each iteration of `run` fills an array and sorts it
;; (insertion sort, comparing through the table), hashes a 64 KiB buffer (mixing each word
;; through the table) and multiplies two 32x32 f64 matrices; it returns a checksum.
;;
;; `debug-bp-same` puts its breakpoint on the `i32.const -1` (the only one in the module) of the
;; guard inside $matmul's innermost loop, which never runs: a breakpoint in the hottest loop
;; that is never hit. `debug-bp-unrelated` puts its breakpoint in $other, which is never called.
;;
;; Memory: 0x00000 the sort array (512 i32), 0x10000 the hash buffer (64 KiB),
;; 0x20000 A, 0x22000 B, 0x24000 C (32x32 f64 each).
(module
  (type $cmp (func (param i32 i32) (result i32)))
  (type $mix (func (param i32 i32) (result i32)))
  (memory (export "memory") 4)
  (table 4 funcref)
  (elem (i32.const 0) $cmp_asc $cmp_desc $mix_fnv $mix_murmur)
  (global $seed (mut i32) (i32.const 0x12345678))

  (func $rand (result i32)
    (global.set $seed
      (i32.add (i32.mul (global.get $seed) (i32.const 1103515245)) (i32.const 12345)))
    (i32.shr_u (global.get $seed) (i32.const 1)))

  ;; Whether a goes before b.
  (func $cmp_asc (type $cmp) (i32.lt_s (local.get 0) (local.get 1)))
  (func $cmp_desc (type $cmp) (i32.gt_s (local.get 0) (local.get 1)))

  ;; Hash steps: (h, word) -> h.
  (func $mix_fnv (type $mix)
    (i32.mul (i32.xor (local.get 0) (local.get 1)) (i32.const 16777619)))
  (func $mix_murmur (type $mix) (local $k i32)
    (local.set $k (i32.mul (local.get 1) (i32.const 0xcc9e2d51)))
    (local.set $k (i32.rotl (local.get $k) (i32.const 15)))
    (local.set $k (i32.mul (local.get $k) (i32.const 0x1b873593)))
    (i32.add
      (i32.mul (i32.rotl (i32.xor (local.get 0) (local.get $k)) (i32.const 13)) (i32.const 5))
      (i32.const 0xe6546b64)))

  (func $fill_sort (param $n i32) (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.shl (local.get $i) (i32.const 2))
          (i32.and (call $rand) (i32.const 0xffff)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))

  ;; Insertion sort of the n i32 at address 0, by comparator `cmp` (a table index).
  (func $sort (param $n i32) (param $cmp i32)
    (local $i i32) (local $j i32) (local $x i32) (local $y i32)
    (local.set $i (i32.const 1))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $x (i32.load (i32.shl (local.get $i) (i32.const 2))))
        (local.set $j (local.get $i))
        (block $placed
          (loop $inner
            (br_if $placed (i32.eqz (local.get $j)))
            (local.set $y
              (i32.load (i32.sub (i32.shl (local.get $j) (i32.const 2)) (i32.const 4))))
            (br_if $placed
              (i32.eqz
                (call_indirect (type $cmp) (local.get $x) (local.get $y) (local.get $cmp))))
            (i32.store (i32.shl (local.get $j) (i32.const 2)) (local.get $y))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $inner)))
        (i32.store (i32.shl (local.get $j) (i32.const 2)) (local.get $x))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer))))

  ;; How many neighbours are out of order (0 when sorted), plus the first and last values.
  (func $check_sorted (param $n i32) (param $cmp i32) (result i32) (local $i i32) (local $bad i32)
    (local.set $i (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (if (call_indirect (type $cmp)
              (i32.load (i32.shl (local.get $i) (i32.const 2)))
              (i32.load (i32.sub (i32.shl (local.get $i) (i32.const 2)) (i32.const 4)))
              (local.get $cmp))
          (then (local.set $bad (i32.add (local.get $bad) (i32.const 1000)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.add (local.get $bad)
      (i32.add (i32.load (i32.const 0))
        (i32.load (i32.sub (i32.shl (local.get $n) (i32.const 2)) (i32.const 4))))))

  (func $fill_words (param $addr i32) (param $len i32) (local $end i32)
    (local.set $end (i32.add (local.get $addr) (local.get $len)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $addr) (local.get $end)))
        (i32.store (local.get $addr) (call $rand))
        (local.set $addr (i32.add (local.get $addr) (i32.const 4)))
        (br $l))))

  (func $hash (param $addr i32) (param $len i32) (param $mix i32) (result i32)
    (local $h i32) (local $end i32)
    (local.set $h (i32.const 0x811c9dc5))
    (local.set $end (i32.add (local.get $addr) (local.get $len)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $addr) (local.get $end)))
        (local.set $h
          (call_indirect (type $mix) (local.get $h) (i32.load (local.get $addr)) (local.get $mix)))
        (local.set $addr (i32.add (local.get $addr) (i32.const 4)))
        (br $l)))
    (local.get $h))

  ;; n*n f64 at addr, small integers scaled by 1/16.
  (func $fill_matrix (param $addr i32) (param $n i32) (local $end i32)
    (local.set $end (i32.add (local.get $addr) (i32.shl (i32.mul (local.get $n) (local.get $n)) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $addr) (local.get $end)))
        (f64.store (local.get $addr)
          (f64.mul (f64.convert_i32_s (i32.and (call $rand) (i32.const 0xff))) (f64.const 0.0625)))
        (local.set $addr (i32.add (local.get $addr) (i32.const 8)))
        (br $l))))

  ;; C = A * B, n x n.
  (func $matmul (param $n i32) (local $i i32) (local $j i32) (local $k i32) (local $sum f64)
    (local.set $i (i32.const 0))
    (loop $li
      (local.set $j (i32.const 0))
      (loop $lj
        (local.set $sum (f64.const 0))
        (local.set $k (i32.const 0))
        (loop $lk
          (local.set $sum
            (f64.add (local.get $sum)
              (f64.mul
                (f64.load offset=0x20000
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $k)) (i32.const 3)))
                (f64.load offset=0x22000
                  (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 3))))))
          ;; Never runs: the breakpoint of `debug-bp-same`.
          (if (i32.lt_s (local.get $k) (i32.const 0))
            (then (global.set $seed (i32.const -1))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $lk (i32.lt_s (local.get $k) (local.get $n))))
        (f64.store offset=0x24000
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))
          (local.get $sum))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $lj (i32.lt_s (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $li (i32.lt_s (local.get $i) (local.get $n)))))

  (func (export "run") (param $iters i32) (result i32) (local $it i32) (local $sum i32)
    (global.set $seed (i32.const 0x12345678))
    (loop $l
      (call $fill_sort (i32.const 512))
      (call $sort (i32.const 512) (i32.and (local.get $it) (i32.const 1)))
      (local.set $sum (i32.add (local.get $sum)
        (call $check_sorted (i32.const 512) (i32.and (local.get $it) (i32.const 1)))))
      (call $fill_words (i32.const 0x10000) (i32.const 0x10000))
      (local.set $sum (i32.xor (local.get $sum)
        (call $hash (i32.const 0x10000) (i32.const 0x10000)
          (i32.add (i32.const 2) (i32.and (local.get $it) (i32.const 1))))))
      (call $fill_matrix (i32.const 0x20000) (i32.const 32))
      (call $fill_matrix (i32.const 0x22000) (i32.const 32))
      (call $matmul (i32.const 32))
      (local.set $sum (i32.add (local.get $sum)
        (i32.trunc_sat_f64_s (f64.add (f64.load (i32.const 0x24000)) (f64.load (i32.const 0x25ff8))))))
      (local.set $it (i32.add (local.get $it) (i32.const 1)))
      (br_if $l (i32.lt_s (local.get $it) (local.get $iters))))
    (local.get $sum))

  (func $other (export "other") (result i32)
    (i32.const 7)))
;; function[0] $rand:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov rbx, [r14+0x70]
;;    21: mov ebx, [rbx]
;;    23: imul ebx, 0x41c64e6d
;;    29: add ebx, 0x3039
;;    2f: mov rsi, [r14+0x70]
;;    33: mov [rsi], ebx
;;    35: mov rbx, [r14+0x70]
;;    39: mov ebx, [rbx]
;;    3b: shr ebx, 1
;;    3e: mov rsp, rbp
;;    41: pop rbp
;;    42: ret
;;    43: mov r11d, 9
;;    49: call qword ptr [r14+0x20]  ; trap site: wasm 0x83
;; function[1] $cmp_asc:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: cmp ebx, esi
;;    1f: setl al
;;    23: movzx ebx, al
;;    27: mov rsp, rbp
;;    2a: pop rbp
;;    2b: ret
;;    2c: mov r11d, 9
;;    32: call qword ptr [r14+0x20]  ; trap site: wasm 0x9b
;; function[2] $cmp_desc:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: cmp ebx, esi
;;    1f: setg al
;;    23: movzx ebx, al
;;    27: mov rsp, rbp
;;    2a: pop rbp
;;    2b: ret
;;    2c: mov r11d, 9
;;    32: call qword ptr [r14+0x20]  ; trap site: wasm 0xa3
;; function[3] $mix_fnv:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov edi, ebx
;;    1f: xor edi, esi
;;    21: imul edi, 0x1000193
;;    27: mov rbx, rdi
;;    2a: mov rsp, rbp
;;    2d: pop rbp
;;    2e: ret
;;    2f: mov r11d, 9
;;    35: call qword ptr [r14+0x20]  ; trap site: wasm 0xab
;; function[4] $mix_murmur:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: imul edi, esi, 0xcc9e2d51
;;    2b: rol edi, 0xf
;;    2e: imul edi, 0x1b873593
;;    34: mov r8d, ebx
;;    37: xor r8d, edi
;;    3a: rol r8d, 0xd
;;    3e: imul r8d, 5
;;    42: add r8d, 0xe6546b64
;;    49: mov rbx, r8
;;    4c: mov rsp, rbp
;;    4f: pop rbp
;;    50: ret
;;    51: mov r11d, 9
;;    57: call qword ptr [r14+0x20]  ; trap site: wasm 0xb9
;; function[5] $fill_sort:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x78
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: mov [rbp+0x10], ebx
;;    28: mov esi, [rbp-0x10]
;;    2b: mov rdi, [r14+0x60]
;;    2f: mov rdi, [rdi]
;;    32: cmp esi, ebx
;;    34: jae 0x73
;;    3a: mov r8d, esi
;;    3d: shl r8d, 2
;;    41: mov [rbp-0x18], r8d
;;    45: call 0x4a  ; reloc: function[0]
;;    4a: and ebx, 0xffff
;;    50: mov esi, [rbp-0x18]
;;    53: mov rdi, [r14+0x60]
;;    57: mov rdi, [rdi]
;;    5a: mov [rdi+rsi], ebx  ; fault site: wasm 0x107
;;    5f: mov ebx, [rbp-0x10]
;;    62: add ebx, 1
;;    65: mov [rbp-0x10], ebx
;;    68: mov rsi, rbx
;;    6b: mov ebx, [rbp+0x10]
;;    6e: jmp 0x32
;;    73: mov rsp, rbp
;;    76: pop rbp
;;    77: ret
;;    78: mov r11d, 9
;;    7e: call qword ptr [r14+0x20]  ; trap site: wasm 0xed
;; function[6] $sort:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x150]
;;     d: cmp rcx, [r14]
;;    10: jb 0x12f
;;    16: lea rsp, [rbp-0x50]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x28], xmm15
;;    26: movups [rbp-0x18], xmm15
;;    2b: mov dword ptr [rbp-0x10], 1
;;    32: mov [rbp+0x18], ebx
;;    35: mov [rbp+0x10], esi
;;    38: mov edi, [rbp-0x10]
;;    3b: mov r8, [r14+0x60]
;;    3f: mov r8, [r8]
;;    42: mov r9d, [rbp-0x28]
;;    46: cmp edi, ebx
;;    48: jge 0x12a
;;    4e: mov r10d, edi
;;    51: shl r10d, 2
;;    55: mov r12d, [r8+r10]  ; fault site: wasm 0x12e
;;    5a: mov r10, rdi
;;    5d: mov [rbp-0x20], r12d
;;    61: mov [rbp-0x18], r10d
;;    65: test r10d, r10d
;;    68: je 0xf7
;;    6e: mov ebx, r10d
;;    71: shl ebx, 2
;;    74: sub ebx, 4
;;    77: mov edi, [r8+rbx]  ; fault site: wasm 0x148
;;    7c: mov r8, rsi
;;    7f: mov [rbp-0x28], edi
;;    82: mov rbx, r12
;;    85: mov rsi, rdi
;;    88: mov rcx, [r14+0x68]
;;    8c: cmp r8, [rcx+8]
;;    90: jae 0x139
;;    96: mov rcx, [rcx]
;;    99: mov rcx, [rcx+r8*8]
;;    9d: test rcx, rcx
;;    a0: je 0x143
;;    a6: mov edx, [r14+0x40]
;;    aa: cmp rdx, [rcx+0x10]
;;    ae: jne 0x14d
;;    b4: mov r14, [rcx+8]
;;    b8: call qword ptr [rcx]
;;    bb: mov r14, [rbp-8]
;;    bf: test ebx, ebx
;;    c1: je 0xf7
;;    c7: mov ebx, [rbp-0x18]
;;    ca: shl ebx, 2
;;    cd: mov esi, [rbp-0x28]
;;    d0: mov rdi, [r14+0x60]
;;    d4: mov rdi, [rdi]
;;    d7: mov [rdi+rbx], esi  ; fault site: wasm 0x160
;;    dc: mov ebx, [rbp-0x18]
;;    df: sub ebx, 1
;;    e2: mov [rbp-0x18], ebx
;;    e5: mov r8, rdi
;;    e8: mov r10, rbx
;;    eb: mov esi, [rbp+0x10]
;;    ee: mov r12d, [rbp-0x20]
;;    f2: jmp 0x65
;;    f7: mov ebx, [rbp-0x18]
;;    fa: shl ebx, 2
;;    fd: mov esi, [rbp-0x20]
;;   100: mov rdi, [r14+0x60]
;;   104: mov rdi, [rdi]
;;   107: mov [rdi+rbx], esi  ; fault site: wasm 0x175
;;   10c: mov ebx, [rbp-0x10]
;;   10f: add ebx, 1
;;   112: mov [rbp-0x10], ebx
;;   115: mov r8, rdi
;;   118: mov esi, [rbp+0x10]
;;   11b: mov ebx, [rbp+0x18]
;;   11e: mov r9d, [rbp-0x28]
;;   122: mov edi, [rbp-0x10]
;;   125: jmp 0x46
;;   12a: mov rsp, rbp
;;   12d: pop rbp
;;   12e: ret
;;   12f: mov r11d, 9
;;   135: call qword ptr [r14+0x20]  ; trap site: wasm 0x117
;;   139: mov r11d, 0xc
;;   13f: call qword ptr [r14+0x20]  ; trap site: wasm 0x153
;;   143: mov r11d, 8
;;   149: call qword ptr [r14+0x20]  ; trap site: wasm 0x153
;;   14d: mov r11d, 7
;;   153: call qword ptr [r14+0x20]  ; trap site: wasm 0x153
;; function[7] $check_sorted:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x150]
;;     d: cmp rcx, [r14]
;;    10: jb 0x101
;;    16: lea rsp, [rbp-0x50]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x18], xmm15
;;    26: mov dword ptr [rbp-0x10], 1
;;    2d: mov [rbp+0x18], ebx
;;    30: mov [rbp+0x10], esi
;;    33: mov edi, [rbp-0x10]
;;    36: mov r8, [r14+0x60]
;;    3a: mov r8, [r8]
;;    3d: mov r9d, [rbp-0x18]
;;    41: cmp edi, ebx
;;    43: jge 0xdb
;;    49: mov r10d, edi
;;    4c: shl r10d, 2
;;    50: mov r12d, [r8+r10]  ; fault site: wasm 0x19c
;;    55: mov r10d, edi
;;    58: shl r10d, 2
;;    5c: sub r10d, 4
;;    60: mov r13d, [r8+r10]  ; fault site: wasm 0x1a7
;;    65: mov rdi, rsi
;;    68: mov rbx, r12
;;    6b: mov rsi, r13
;;    6e: mov rcx, [r14+0x68]
;;    72: cmp rdi, [rcx+8]
;;    76: jae 0x10b
;;    7c: mov rcx, [rcx]
;;    7f: mov rcx, [rcx+rdi*8]
;;    83: test rcx, rcx
;;    86: je 0x115
;;    8c: mov edx, [r14+0x40]
;;    90: cmp rdx, [rcx+0x10]
;;    94: jne 0x11f
;;    9a: mov r14, [rcx+8]
;;    9e: call qword ptr [rcx]
;;    a1: mov r14, [rbp-8]
;;    a5: test ebx, ebx
;;    a7: je 0xb9
;;    ad: mov ebx, [rbp-0x18]
;;    b0: add ebx, 0x3e8
;;    b6: mov [rbp-0x18], ebx
;;    b9: mov ebx, [rbp-0x10]
;;    bc: add ebx, 1
;;    bf: mov [rbp-0x10], ebx
;;    c2: mov rdi, rbx
;;    c5: mov r9d, [rbp-0x18]
;;    c9: mov esi, [rbp+0x10]
;;    cc: mov ebx, [rbp+0x18]
;;    cf: mov r8, [r14+0x60]
;;    d3: mov r8, [r8]
;;    d6: jmp 0x41
;;    db: xor r10d, r10d
;;    de: mov r12d, [r8+r10]  ; fault site: wasm 0x1c9
;;    e3: mov r10d, ebx
;;    e6: shl r10d, 2
;;    ea: sub r10d, 4
;;    ee: mov r13d, [r8+r10]  ; fault site: wasm 0x1d4
;;    f3: add r12d, r13d
;;    f6: add r12d, r9d
;;    f9: mov rbx, r12
;;    fc: mov rsp, rbp
;;    ff: pop rbp
;;   100: ret
;;   101: mov r11d, 9
;;   107: call qword ptr [r14+0x20]  ; trap site: wasm 0x185
;;   10b: mov r11d, 0xc
;;   111: call qword ptr [r14+0x20]  ; trap site: wasm 0x1ac
;;   115: mov r11d, 8
;;   11b: call qword ptr [r14+0x20]  ; trap site: wasm 0x1ac
;;   11f: mov r11d, 7
;;   125: call qword ptr [r14+0x20]  ; trap site: wasm 0x1ac
;; function[8] $fill_words:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x72
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: mov edi, ebx
;;    27: add edi, esi
;;    29: mov [rbp+0x10], esi
;;    2c: mov [rbp+0x18], ebx
;;    2f: mov [rbp-0x10], edi
;;    32: mov rsi, [r14+0x60]
;;    36: mov rsi, [rsi]
;;    39: cmp ebx, edi
;;    3b: jae 0x6d
;;    41: call 0x46  ; reloc: function[0]
;;    46: mov esi, [rbp+0x18]
;;    49: mov rdi, [r14+0x60]
;;    4d: mov rdi, [rdi]
;;    50: mov [rdi+rsi], ebx  ; fault site: wasm 0x1f4
;;    55: add esi, 4
;;    58: mov [rbp+0x18], esi
;;    5b: mov rbx, rsi
;;    5e: mov rsi, [r14+0x60]
;;    62: mov rsi, [rsi]
;;    65: mov edi, [rbp-0x10]
;;    68: jmp 0x39
;;    6d: mov rsp, rbp
;;    70: pop rbp
;;    71: ret
;;    72: mov r11d, 9
;;    78: call qword ptr [r14+0x20]  ; trap site: wasm 0x1db
;; function[9] $hash:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x140]
;;     d: cmp rcx, [r14]
;;    10: jb 0xc8
;;    16: lea rsp, [rbp-0x40]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x18], xmm15
;;    26: mov dword ptr [rbp-0x10], 0x811c9dc5
;;    2d: mov r8d, ebx
;;    30: add r8d, esi
;;    33: mov [rbp+0x10], edi
;;    36: mov [rbp+0x18], esi
;;    39: mov [rbp+0x20], ebx
;;    3c: mov [rbp-0x18], r8d
;;    40: mov esi, [rbp-0x10]
;;    43: mov r9, [r14+0x60]
;;    47: mov r9, [r9]
;;    4a: cmp ebx, r8d
;;    4d: jae 0xbd
;;    53: mov r10d, [r9+rbx]  ; fault site: wasm 0x225
;;    58: mov r8, rdi
;;    5b: mov rbx, rsi
;;    5e: mov rsi, r10
;;    61: mov rcx, [r14+0x68]
;;    65: cmp r8, [rcx+8]
;;    69: jae 0xd2
;;    6f: mov rcx, [rcx]
;;    72: mov rcx, [rcx+r8*8]
;;    76: test rcx, rcx
;;    79: je 0xdc
;;    7f: mov edx, [r14+0x44]
;;    83: cmp rdx, [rcx+0x10]
;;    87: jne 0xe6
;;    8d: mov r14, [rcx+8]
;;    91: call qword ptr [rcx]
;;    94: mov r14, [rbp-8]
;;    98: mov esi, [rbp+0x20]
;;    9b: add esi, 4
;;    9e: mov [rbp-0x10], ebx
;;    a1: mov [rbp+0x20], esi
;;    a4: mov r9, [r14+0x60]
;;    a8: mov r9, [r9]
;;    ab: mov edi, [rbp+0x10]
;;    ae: mov esi, [rbp-0x10]
;;    b1: mov r8d, [rbp-0x18]
;;    b5: mov ebx, [rbp+0x20]
;;    b8: jmp 0x4a
;;    bd: mov [rbp-0x20], esi
;;    c0: mov ebx, [rbp-0x20]
;;    c3: mov rsp, rbp
;;    c6: pop rbp
;;    c7: ret
;;    c8: mov r11d, 9
;;    ce: call qword ptr [r14+0x20]  ; trap site: wasm 0x204
;;    d2: mov r11d, 0xc
;;    d8: call qword ptr [r14+0x20]  ; trap site: wasm 0x22a
;;    dc: mov r11d, 8
;;    e2: call qword ptr [r14+0x20]  ; trap site: wasm 0x22a
;;    e6: mov r11d, 7
;;    ec: call qword ptr [r14+0x20]  ; trap site: wasm 0x22a
;; function[10] $fill_matrix:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x92
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: mov edi, esi
;;    27: imul edi, esi
;;    2a: shl edi, 3
;;    2d: add edi, ebx
;;    2f: mov [rbp+0x10], esi
;;    32: mov [rbp+0x18], ebx
;;    35: mov [rbp-0x10], edi
;;    38: mov rsi, [r14+0x60]
;;    3c: mov rsi, [rsi]
;;    3f: cmp ebx, edi
;;    41: jae 0x8d
;;    47: call 0x4c  ; reloc: function[0]
;;    4c: and ebx, 0xff
;;    52: xorps xmm0, xmm0
;;    56: cvtsi2sd xmm0, ebx
;;    5b: mov rax, 0x3fb0000000000000
;;    65: movq xmm1, rax
;;    6a: mulsd xmm0, xmm1
;;    6e: mov ebx, [rbp+0x18]
;;    71: mov rsi, [r14+0x60]
;;    75: mov rsi, [rsi]
;;    78: movsd [rsi+rbx], xmm0  ; fault site: wasm 0x26c
;;    7f: add ebx, 8
;;    82: mov [rbp+0x18], ebx
;;    85: mov edi, [rbp-0x10]
;;    88: jmp 0x3f
;;    8d: mov rsp, rbp
;;    90: pop rbp
;;    91: ret
;;    92: mov r11d, 9
;;    98: call qword ptr [r14+0x20]  ; trap site: wasm 0x23e
;; function[11] $matmul:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x50]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x28], xmm15
;;    26: movups [rbp-0x18], xmm15
;;    2b: mov dword ptr [rbp-0x10], 0
;;    32: mov [rbp+0x10], ebx
;;    35: mov esi, [rbp-0x20]
;;    38: mov edi, [rbp-0x10]
;;    3b: mov r8, [r14+0x60]
;;    3f: mov r8, [r8]
;;    42: movsd xmm0, [rbp-0x28]
;;    47: mov dword ptr [rbp-0x18], 0
;;    4e: movsd [rbp-0x28], xmm0
;;    53: mov [rbp-0x10], edi
;;    56: mov [rbp-0x20], esi
;;    59: mov esi, [rbp-0x18]
;;    5c: mov qword ptr [rbp-0x28], 0
;;    64: mov dword ptr [rbp-0x20], 0
;;    6b: mov [rbp-0x18], esi
;;    6e: mov r9d, [rbp-0x20]
;;    72: movsd xmm0, [rbp-0x28]
;;    77: mov r10d, edi
;;    7a: imul r10d, ebx
;;    7e: add r10d, r9d
;;    81: shl r10d, 3
;;    85: movsd xmm1, [r8+r10+0x20000]  ; fault site: wasm 0x2ac
;;    8f: mov r10d, r9d
;;    92: imul r10d, ebx
;;    96: add r10d, esi
;;    99: shl r10d, 3
;;    9d: movsd xmm2, [r8+r10+0x22000]  ; fault site: wasm 0x2bc
;;    a7: mulsd xmm1, xmm2
;;    ab: addsd xmm0, xmm1
;;    af: movsd [rbp-0x28], xmm0
;;    b4: mov [rbp-0x20], r9d
;;    b8: test r9d, r9d
;;    bb: jge 0xcf
;;    c1: mov r10d, 0xffffffff
;;    c7: mov r12, [r14+0x70]
;;    cb: mov [r12], r10d
;;    cf: add r9d, 1
;;    d3: cmp r9d, ebx
;;    d6: jl 0x77
;;    dc: mov r10d, edi
;;    df: imul r10d, ebx
;;    e3: add r10d, esi
;;    e6: shl r10d, 3
;;    ea: movsd [r8+r10+0x24000], xmm0  ; fault site: wasm 0x2ed
;;    f4: add esi, 1
;;    f7: cmp esi, ebx
;;    f9: jge 0x108
;;    ff: mov [rbp-0x20], r9d
;;   103: jmp 0x5c
;;   108: add edi, 1
;;   10b: cmp edi, ebx
;;   10d: jge 0x122
;;   113: mov [rbp-0x20], r9d
;;   117: mov [rbp-0x18], esi
;;   11a: mov rsi, r9
;;   11d: jmp 0x47
;;   122: mov rsp, rbp
;;   125: pop rbp
;;   126: ret
;;   127: mov r11d, 9
;;   12d: call qword ptr [r14+0x20]  ; trap site: wasm 0x27d
;; function[12]:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x160]
;;     d: cmp rcx, [r14]
;;    10: jb 0x16f
;;    16: lea rsp, [rbp-0x60]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x18], xmm15
;;    26: mov esi, 0x12345678
;;    2b: mov rdi, [r14+0x70]
;;    2f: mov [rdi], esi
;;    31: mov [rbp+0x10], ebx
;;    34: mov esi, [rbp-0x10]
;;    37: mov edi, [rbp-0x18]
;;    3a: mov r8, [r14+0x60]
;;    3e: mov r8, [r8]
;;    41: mov ebx, 0x200
;;    46: call 0x4b  ; reloc: function[5]
;;    4b: mov ebx, [rbp-0x10]
;;    4e: and ebx, 1
;;    51: mov rsi, rbx
;;    54: mov ebx, 0x200
;;    59: call 0x5e  ; reloc: function[6]
;;    5e: mov ebx, [rbp-0x10]
;;    61: and ebx, 1
;;    64: mov rsi, rbx
;;    67: mov ebx, 0x200
;;    6c: call 0x71  ; reloc: function[7]
;;    71: mov esi, [rbp-0x18]
;;    74: add esi, ebx
;;    76: mov [rbp-0x18], esi
;;    79: mov ebx, 0x10000
;;    7e: mov esi, 0x10000
;;    83: call 0x88  ; reloc: function[8]
;;    88: mov ebx, [rbp-0x10]
;;    8b: and ebx, 1
;;    8e: mov esi, 2
;;    93: add esi, ebx
;;    95: mov ebx, 0x10000
;;    9a: mov rdi, rsi
;;    9d: mov esi, 0x10000
;;    a2: call 0xa7  ; reloc: function[9]
;;    a7: mov esi, [rbp-0x18]
;;    aa: xor esi, ebx
;;    ac: mov [rbp-0x18], esi
;;    af: mov ebx, 0x20000
;;    b4: mov esi, 0x20
;;    b9: call 0xbe  ; reloc: function[10]
;;    be: mov ebx, 0x22000
;;    c3: mov esi, 0x20
;;    c8: call 0xcd  ; reloc: function[10]
;;    cd: mov ebx, 0x20
;;    d2: call 0xd7  ; reloc: function[11]
;;    d7: mov ebx, 0x24000
;;    dc: mov rsi, [r14+0x60]
;;    e0: mov rsi, [rsi]
;;    e3: movsd xmm0, [rsi+rbx]  ; fault site: wasm 0x379
;;    ea: mov ebx, 0x25ff8
;;    ef: movsd xmm1, [rsi+rbx]  ; fault site: wasm 0x380
;;    f6: addsd xmm0, xmm1
;;    fa: cvttsd2si rax, xmm0
;;    ff: movsxd rcx, eax
;;   102: cmp rcx, rax
;;   105: je short 0x131
;;   107: mov eax, 0
;;   10c: ucomisd xmm0, xmm0
;;   110: jp short 0x131
;;   112: xorps xmm15, xmm15
;;   116: ucomisd xmm0, xmm15
;;   11b: mov rax, 0x80000000
;;   125: jb short 0x131
;;   127: mov rax, 0x7fffffff
;;   131: mov ebx, eax
;;   134: mov edi, [rbp-0x18]
;;   137: add edi, ebx
;;   139: mov ebx, [rbp-0x10]
;;   13c: add ebx, 1
;;   13f: mov r8d, [rbp+0x10]
;;   143: cmp ebx, r8d
;;   146: jge 0x164
;;   14c: mov [rbp-0x18], edi
;;   14f: mov [rbp-0x10], ebx
;;   152: mov ebx, [rbp+0x10]
;;   155: mov r8, [r14+0x60]
;;   159: mov r8, [r8]
;;   15c: mov esi, [rbp-0x10]
;;   15f: jmp 0x41
;;   164: mov [rbp-0x20], edi
;;   167: mov ebx, [rbp-0x20]
;;   16a: mov rsp, rbp
;;   16d: pop rbp
;;   16e: ret
;;   16f: mov r11d, 9
;;   175: call qword ptr [r14+0x20]  ; trap site: wasm 0x313
;; function[13] $other:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov ebx, 7
;;    22: mov rsp, rbp
;;    25: pop rbp
;;    26: ret
;;    27: mov r11d, 9
;;    2d: call qword ptr [r14+0x20]  ; trap site: wasm 0x39c
