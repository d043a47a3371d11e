;; fib35: recursive Fibonacci, the bug thread's benchmark.
;;
;; The guard at the top never runs for n >= 0. `debug-bp-same` puts its breakpoint on the
;; guard's `i32.const -1` (the only one in the module): a breakpoint in fib that is never hit.
;; `debug-bp-unrelated` puts its breakpoint in $other, which is never called.
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
  (func $other (export "other") (result i32)
    (i32.const 7)))
