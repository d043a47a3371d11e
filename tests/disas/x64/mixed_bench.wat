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
;;    1d: mov rbx, [r14+0x78]
;;    21: mov ebx, [rbx]
;;    23: imul ebx, 0x41c64e6d
;;    29: add ebx, 0x3039
;;    2f: mov rsi, [r14+0x78]
;;    33: mov [rsi], ebx
;;    35: mov rbx, [r14+0x78]
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
;;    1d: xor ebx, esi
;;    1f: imul ebx, 0x1000193
;;    25: mov rsp, rbp
;;    28: pop rbp
;;    29: ret
;;    2a: mov r11d, 9
;;    30: call qword ptr [r14+0x20]  ; trap site: wasm 0xab
;; function[4] $mix_murmur:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: imul esi, 0xcc9e2d51
;;    2b: rol esi, 0xf
;;    2e: imul esi, 0x1b873593
;;    34: xor ebx, esi
;;    36: rol ebx, 0xd
;;    39: imul ebx, 5
;;    3c: add ebx, 0xe6546b64
;;    42: mov rsp, rbp
;;    45: pop rbp
;;    46: ret
;;    47: mov r11d, 9
;;    4d: call qword ptr [r14+0x20]  ; trap site: wasm 0xb9
;; function[5] $fill_sort:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x72
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: mov [rbp+0x10], ebx
;;    28: mov esi, [rbp-0x10]
;;    2b: mov rdi, [r14+0x68]
;;    2f: cmp esi, ebx
;;    31: jae 0x6d
;;    37: mov r8d, esi
;;    3a: shl r8d, 2
;;    3e: mov [rbp-0x18], r8d
;;    42: call 0x47  ; reloc: function[0]
;;    47: and ebx, 0xffff
;;    4d: mov esi, [rbp-0x18]
;;    50: mov rdi, [r14+0x68]
;;    54: mov [rdi+rsi], ebx  ; fault site: wasm 0x107
;;    59: mov ebx, [rbp-0x10]
;;    5c: add ebx, 1
;;    5f: mov [rbp-0x10], ebx
;;    62: mov rsi, rbx
;;    65: mov ebx, [rbp+0x10]
;;    68: jmp 0x2f
;;    6d: mov rsp, rbp
;;    70: pop rbp
;;    71: ret
;;    72: mov r11d, 9
;;    78: call qword ptr [r14+0x20]  ; trap site: wasm 0xed
;; function[6] $sort:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x150]
;;     d: cmp rcx, [r14]
;;    10: jb 0x126
;;    16: lea rsp, [rbp-0x50]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x28], xmm15
;;    26: movups [rbp-0x18], xmm15
;;    2b: mov dword ptr [rbp-0x10], 1
;;    32: mov [rbp+0x18], ebx
;;    35: mov [rbp+0x10], esi
;;    38: mov edi, [rbp-0x10]
;;    3b: mov r8, [r14+0x68]
;;    3f: mov r9d, [rbp-0x28]
;;    43: cmp edi, ebx
;;    45: jge 0x121
;;    4b: mov r10d, edi
;;    4e: shl r10d, 2
;;    52: mov r12d, [r8+r10]  ; fault site: wasm 0x12e
;;    57: mov r10, rdi
;;    5a: mov [rbp-0x20], r12d
;;    5e: mov [rbp-0x18], r10d
;;    62: test r10d, r10d
;;    65: je 0xf1
;;    6b: mov ebx, r10d
;;    6e: shl ebx, 2
;;    71: sub ebx, 4
;;    74: mov edi, [r8+rbx]  ; fault site: wasm 0x148
;;    79: mov r8, rsi
;;    7c: mov [rbp-0x28], edi
;;    7f: mov rbx, r12
;;    82: mov rsi, rdi
;;    85: mov rcx, [r14+0x70]
;;    89: cmp r8, [rcx+8]
;;    8d: jae 0x130
;;    93: mov rcx, [rcx]
;;    96: mov rcx, [rcx+r8*8]
;;    9a: test rcx, rcx
;;    9d: je 0x13a
;;    a3: mov edx, [r14+0x40]
;;    a7: cmp rdx, [rcx+0x10]
;;    ab: jne 0x144
;;    b1: mov r14, [rcx+8]
;;    b5: call qword ptr [rcx]
;;    b8: mov r14, [rbp-8]
;;    bc: test ebx, ebx
;;    be: je 0xf1
;;    c4: mov ebx, [rbp-0x18]
;;    c7: shl ebx, 2
;;    ca: mov esi, [rbp-0x28]
;;    cd: mov rdi, [r14+0x68]
;;    d1: mov [rdi+rbx], esi  ; fault site: wasm 0x160
;;    d6: mov ebx, [rbp-0x18]
;;    d9: sub ebx, 1
;;    dc: mov [rbp-0x18], ebx
;;    df: mov r8, rdi
;;    e2: mov r10, rbx
;;    e5: mov esi, [rbp+0x10]
;;    e8: mov r12d, [rbp-0x20]
;;    ec: jmp 0x62
;;    f1: mov ebx, [rbp-0x18]
;;    f4: shl ebx, 2
;;    f7: mov esi, [rbp-0x20]
;;    fa: mov rdi, [r14+0x68]
;;    fe: mov [rdi+rbx], esi  ; fault site: wasm 0x175
;;   103: mov ebx, [rbp-0x10]
;;   106: add ebx, 1
;;   109: mov [rbp-0x10], ebx
;;   10c: mov r8, rdi
;;   10f: mov esi, [rbp+0x10]
;;   112: mov ebx, [rbp+0x18]
;;   115: mov r9d, [rbp-0x28]
;;   119: mov edi, [rbp-0x10]
;;   11c: jmp 0x43
;;   121: mov rsp, rbp
;;   124: pop rbp
;;   125: ret
;;   126: mov r11d, 9
;;   12c: call qword ptr [r14+0x20]  ; trap site: wasm 0x117
;;   130: mov r11d, 0xc
;;   136: call qword ptr [r14+0x20]  ; trap site: wasm 0x153
;;   13a: mov r11d, 8
;;   140: call qword ptr [r14+0x20]  ; trap site: wasm 0x153
;;   144: mov r11d, 7
;;   14a: call qword ptr [r14+0x20]  ; trap site: wasm 0x153
;; function[7] $check_sorted:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x150]
;;     d: cmp rcx, [r14]
;;    10: jb 0xf6
;;    16: lea rsp, [rbp-0x50]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x18], xmm15
;;    26: mov dword ptr [rbp-0x10], 1
;;    2d: mov [rbp+0x18], ebx
;;    30: mov [rbp+0x10], esi
;;    33: mov edi, [rbp-0x10]
;;    36: mov r8, [r14+0x68]
;;    3a: mov r9d, [rbp-0x18]
;;    3e: cmp edi, ebx
;;    40: jge 0xd5
;;    46: mov r10d, edi
;;    49: shl r10d, 2
;;    4d: mov r12d, [r8+r10]  ; fault site: wasm 0x19c
;;    52: mov r10d, edi
;;    55: shl r10d, 2
;;    59: sub r10d, 4
;;    5d: mov r13d, [r8+r10]  ; fault site: wasm 0x1a7
;;    62: mov rdi, rsi
;;    65: mov rbx, r12
;;    68: mov rsi, r13
;;    6b: mov rcx, [r14+0x70]
;;    6f: cmp rdi, [rcx+8]
;;    73: jae 0x100
;;    79: mov rcx, [rcx]
;;    7c: mov rcx, [rcx+rdi*8]
;;    80: test rcx, rcx
;;    83: je 0x10a
;;    89: mov edx, [r14+0x40]
;;    8d: cmp rdx, [rcx+0x10]
;;    91: jne 0x114
;;    97: mov r14, [rcx+8]
;;    9b: call qword ptr [rcx]
;;    9e: mov r14, [rbp-8]
;;    a2: test ebx, ebx
;;    a4: je 0xb6
;;    aa: mov ebx, [rbp-0x18]
;;    ad: add ebx, 0x3e8
;;    b3: mov [rbp-0x18], ebx
;;    b6: mov ebx, [rbp-0x10]
;;    b9: add ebx, 1
;;    bc: mov [rbp-0x10], ebx
;;    bf: mov rdi, rbx
;;    c2: mov r9d, [rbp-0x18]
;;    c6: mov esi, [rbp+0x10]
;;    c9: mov ebx, [rbp+0x18]
;;    cc: mov r8, [r14+0x68]
;;    d0: jmp 0x3e
;;    d5: xor r10d, r10d
;;    d8: mov r12d, [r8+r10]  ; fault site: wasm 0x1c9
;;    dd: shl ebx, 2
;;    e0: sub ebx, 4
;;    e3: mov r10d, [r8+rbx]  ; fault site: wasm 0x1d4
;;    e8: add r12d, r10d
;;    eb: add r9d, r12d
;;    ee: mov rbx, r9
;;    f1: mov rsp, rbp
;;    f4: pop rbp
;;    f5: ret
;;    f6: mov r11d, 9
;;    fc: call qword ptr [r14+0x20]  ; trap site: wasm 0x185
;;   100: mov r11d, 0xc
;;   106: call qword ptr [r14+0x20]  ; trap site: wasm 0x1ac
;;   10a: mov r11d, 8
;;   110: call qword ptr [r14+0x20]  ; trap site: wasm 0x1ac
;;   114: mov r11d, 7
;;   11a: call qword ptr [r14+0x20]  ; trap site: wasm 0x1ac
;; function[8] $fill_words:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x69
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: mov edi, ebx
;;    27: add edi, esi
;;    29: mov [rbp+0x10], esi
;;    2c: mov [rbp+0x18], ebx
;;    2f: mov [rbp-0x10], edi
;;    32: mov rsi, [r14+0x68]
;;    36: cmp ebx, edi
;;    38: jae 0x64
;;    3e: call 0x43  ; reloc: function[0]
;;    43: mov esi, [rbp+0x18]
;;    46: mov rdi, [r14+0x68]
;;    4a: mov [rdi+rsi], ebx  ; fault site: wasm 0x1f4
;;    4f: add esi, 4
;;    52: mov [rbp+0x18], esi
;;    55: mov rbx, rsi
;;    58: mov rsi, [r14+0x68]
;;    5c: mov edi, [rbp-0x10]
;;    5f: jmp 0x36
;;    64: mov rsp, rbp
;;    67: pop rbp
;;    68: ret
;;    69: mov r11d, 9
;;    6f: call qword ptr [r14+0x20]  ; trap site: wasm 0x1db
;; function[9] $hash:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x140]
;;     d: cmp rcx, [r14]
;;    10: jb 0xc2
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
;;    43: mov r9, [r14+0x68]
;;    47: cmp ebx, r8d
;;    4a: jae 0xb7
;;    50: mov r10d, [r9+rbx]  ; fault site: wasm 0x225
;;    55: mov r8, rdi
;;    58: mov rbx, rsi
;;    5b: mov rsi, r10
;;    5e: mov rcx, [r14+0x70]
;;    62: cmp r8, [rcx+8]
;;    66: jae 0xcc
;;    6c: mov rcx, [rcx]
;;    6f: mov rcx, [rcx+r8*8]
;;    73: test rcx, rcx
;;    76: je 0xd6
;;    7c: mov edx, [r14+0x44]
;;    80: cmp rdx, [rcx+0x10]
;;    84: jne 0xe0
;;    8a: mov r14, [rcx+8]
;;    8e: call qword ptr [rcx]
;;    91: mov r14, [rbp-8]
;;    95: mov esi, [rbp+0x20]
;;    98: add esi, 4
;;    9b: mov [rbp-0x10], ebx
;;    9e: mov [rbp+0x20], esi
;;    a1: mov r9, [r14+0x68]
;;    a5: mov edi, [rbp+0x10]
;;    a8: mov esi, [rbp-0x10]
;;    ab: mov r8d, [rbp-0x18]
;;    af: mov ebx, [rbp+0x20]
;;    b2: jmp 0x47
;;    b7: mov [rbp-0x20], esi
;;    ba: mov ebx, [rbp-0x20]
;;    bd: mov rsp, rbp
;;    c0: pop rbp
;;    c1: ret
;;    c2: mov r11d, 9
;;    c8: call qword ptr [r14+0x20]  ; trap site: wasm 0x204
;;    cc: mov r11d, 0xc
;;    d2: call qword ptr [r14+0x20]  ; trap site: wasm 0x22a
;;    d6: mov r11d, 8
;;    dc: call qword ptr [r14+0x20]  ; trap site: wasm 0x22a
;;    e0: mov r11d, 7
;;    e6: call qword ptr [r14+0x20]  ; trap site: wasm 0x22a
;; function[10] $fill_matrix:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x130]
;;     d: cmp rcx, [r14]
;;    10: jb 0x8c
;;    16: lea rsp, [rbp-0x30]
;;    1d: mov qword ptr [rbp-0x10], 0
;;    25: mov edi, esi
;;    27: imul edi, esi
;;    2a: shl edi, 3
;;    2d: add edi, ebx
;;    2f: mov [rbp+0x10], esi
;;    32: mov [rbp+0x18], ebx
;;    35: mov [rbp-0x10], edi
;;    38: mov rsi, [r14+0x68]
;;    3c: cmp ebx, edi
;;    3e: jae 0x87
;;    44: call 0x49  ; reloc: function[0]
;;    49: and ebx, 0xff
;;    4f: xorps xmm0, xmm0
;;    53: cvtsi2sd xmm0, ebx
;;    58: mov rax, 0x3fb0000000000000
;;    62: movq xmm1, rax
;;    67: mulsd xmm0, xmm1
;;    6b: mov ebx, [rbp+0x18]
;;    6e: mov rsi, [r14+0x68]
;;    72: movsd [rsi+rbx], xmm0  ; fault site: wasm 0x26c
;;    79: add ebx, 8
;;    7c: mov [rbp+0x18], ebx
;;    7f: mov edi, [rbp-0x10]
;;    82: jmp 0x3c
;;    87: mov rsp, rbp
;;    8a: pop rbp
;;    8b: ret
;;    8c: mov r11d, 9
;;    92: call qword ptr [r14+0x20]  ; trap site: wasm 0x23e
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
;;    3b: mov r8, [r14+0x68]
;;    3f: movsd xmm0, [rbp-0x28]
;;    44: mov dword ptr [rbp-0x18], 0
;;    4b: movsd [rbp-0x28], xmm0
;;    50: mov [rbp-0x10], edi
;;    53: mov [rbp-0x20], esi
;;    56: mov esi, [rbp-0x18]
;;    59: mov qword ptr [rbp-0x28], 0
;;    61: mov dword ptr [rbp-0x20], 0
;;    68: mov [rbp-0x18], esi
;;    6b: mov r9d, [rbp-0x20]
;;    6f: movsd xmm0, [rbp-0x28]
;;    74: mov r10d, edi
;;    77: imul r10d, ebx
;;    7b: add r10d, r9d
;;    7e: shl r10d, 3
;;    82: movsd xmm1, [r8+r10+0x20000]  ; fault site: wasm 0x2ac
;;    8c: mov r10d, r9d
;;    8f: imul r10d, ebx
;;    93: add r10d, esi
;;    96: shl r10d, 3
;;    9a: movsd xmm2, [r8+r10+0x22000]  ; fault site: wasm 0x2bc
;;    a4: mulsd xmm1, xmm2
;;    a8: addsd xmm0, xmm1
;;    ac: movsd [rbp-0x28], xmm0
;;    b1: mov [rbp-0x20], r9d
;;    b5: test r9d, r9d
;;    b8: jge 0xcc
;;    be: mov r10d, 0xffffffff
;;    c4: mov r12, [r14+0x78]
;;    c8: mov [r12], r10d
;;    cc: add r9d, 1
;;    d0: cmp r9d, ebx
;;    d3: jl 0x74
;;    d9: mov r10d, edi
;;    dc: imul r10d, ebx
;;    e0: add r10d, esi
;;    e3: shl r10d, 3
;;    e7: movsd [r8+r10+0x24000], xmm0  ; fault site: wasm 0x2ed
;;    f1: add esi, 1
;;    f4: cmp esi, ebx
;;    f6: jge 0x105
;;    fc: mov [rbp-0x20], r9d
;;   100: jmp 0x59
;;   105: add edi, 1
;;   108: cmp edi, ebx
;;   10a: jge 0x11f
;;   110: mov [rbp-0x20], r9d
;;   114: mov [rbp-0x18], esi
;;   117: mov rsi, r9
;;   11a: jmp 0x44
;;   11f: mov rsp, rbp
;;   122: pop rbp
;;   123: ret
;;   124: mov r11d, 9
;;   12a: call qword ptr [r14+0x20]  ; trap site: wasm 0x27d
;; function[12]:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x160]
;;     d: cmp rcx, [r14]
;;    10: jb 0x166
;;    16: lea rsp, [rbp-0x60]
;;    1d: xorps xmm15, xmm15
;;    21: movups [rbp-0x18], xmm15
;;    26: mov esi, 0x12345678
;;    2b: mov rdi, [r14+0x78]
;;    2f: mov [rdi], esi
;;    31: mov [rbp+0x10], ebx
;;    34: mov esi, [rbp-0x10]
;;    37: mov edi, [rbp-0x18]
;;    3a: mov r8, [r14+0x68]
;;    3e: mov ebx, 0x200
;;    43: call 0x48  ; reloc: function[5]
;;    48: mov ebx, [rbp-0x10]
;;    4b: and ebx, 1
;;    4e: mov rsi, rbx
;;    51: mov ebx, 0x200
;;    56: call 0x5b  ; reloc: function[6]
;;    5b: mov ebx, [rbp-0x10]
;;    5e: and ebx, 1
;;    61: mov rsi, rbx
;;    64: mov ebx, 0x200
;;    69: call 0x6e  ; reloc: function[7]
;;    6e: mov esi, [rbp-0x18]
;;    71: add esi, ebx
;;    73: mov [rbp-0x18], esi
;;    76: mov ebx, 0x10000
;;    7b: mov esi, 0x10000
;;    80: call 0x85  ; reloc: function[8]
;;    85: mov ebx, [rbp-0x10]
;;    88: and ebx, 1
;;    8b: mov esi, 2
;;    90: add esi, ebx
;;    92: mov ebx, 0x10000
;;    97: mov rdi, rsi
;;    9a: mov esi, 0x10000
;;    9f: call 0xa4  ; reloc: function[9]
;;    a4: mov esi, [rbp-0x18]
;;    a7: xor esi, ebx
;;    a9: mov [rbp-0x18], esi
;;    ac: mov ebx, 0x20000
;;    b1: mov esi, 0x20
;;    b6: call 0xbb  ; reloc: function[10]
;;    bb: mov ebx, 0x22000
;;    c0: mov esi, 0x20
;;    c5: call 0xca  ; reloc: function[10]
;;    ca: mov ebx, 0x20
;;    cf: call 0xd4  ; reloc: function[11]
;;    d4: mov ebx, 0x24000
;;    d9: mov rsi, [r14+0x68]
;;    dd: movsd xmm0, [rsi+rbx]  ; fault site: wasm 0x379
;;    e4: mov ebx, 0x25ff8
;;    e9: movsd xmm1, [rsi+rbx]  ; fault site: wasm 0x380
;;    f0: addsd xmm0, xmm1
;;    f4: cvttsd2si rax, xmm0
;;    f9: movsxd rcx, eax
;;    fc: cmp rcx, rax
;;    ff: je short 0x12b
;;   101: mov eax, 0
;;   106: ucomisd xmm0, xmm0
;;   10a: jp short 0x12b
;;   10c: xorps xmm15, xmm15
;;   110: ucomisd xmm0, xmm15
;;   115: mov rax, 0x80000000
;;   11f: jb short 0x12b
;;   121: mov rax, 0x7fffffff
;;   12b: mov ebx, eax
;;   12e: mov edi, [rbp-0x18]
;;   131: add edi, ebx
;;   133: mov ebx, [rbp-0x10]
;;   136: add ebx, 1
;;   139: mov r8d, [rbp+0x10]
;;   13d: cmp ebx, r8d
;;   140: jge 0x15b
;;   146: mov [rbp-0x18], edi
;;   149: mov [rbp-0x10], ebx
;;   14c: mov ebx, [rbp+0x10]
;;   14f: mov r8, [r14+0x68]
;;   153: mov esi, [rbp-0x10]
;;   156: jmp 0x3e
;;   15b: mov [rbp-0x20], edi
;;   15e: mov ebx, [rbp-0x20]
;;   161: mov rsp, rbp
;;   164: pop rbp
;;   165: ret
;;   166: mov r11d, 9
;;   16c: call qword ptr [r14+0x20]  ; trap site: wasm 0x313
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
