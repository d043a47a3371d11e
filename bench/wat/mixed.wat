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
