;; i32 arithmetic, bitwise operators and shifts; a constant operand becomes an immediate.
(module
  (func $i32_arith (param $a i32) (param $b i32) (result i32)
    (i32.xor
      (i32.shl (i32.add (local.get $a) (local.get $b)) (i32.const 3))
      (i32.rotl (i32.sub (local.get $a) (local.get $b)) (local.get $b))))
  (func $i32_bits (param $a i32) (result i32)
    (i32.or
      (i32.and (i32.clz (local.get $a)) (i32.popcnt (local.get $a)))
      (i32.shr_s (i32.mul (local.get $a) (i32.const 10)) (i32.const 1)))))
;; function[0] $i32_arith:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x3c
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x10]
;;    20: mov esi, [rbp+0x18]
;;    23: add esi, ebx
;;    25: shl esi, 3
;;    28: mov edi, [rbp+0x18]
;;    2b: sub edi, ebx
;;    2d: mov ecx, ebx
;;    30: rol edi, cl
;;    32: xor esi, edi
;;    34: mov [rbp+0x18], esi
;;    37: mov rsp, rbp
;;    3a: pop rbp
;;    3b: ret
;;    3c: mov r11d, 9
;;    42: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $i32_bits:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x120]
;;     d: cmp rcx, [r14]
;;    10: jb 0x42
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov ebx, [rbp+0x10]
;;    20: lzcnt ebx, ebx
;;    25: mov esi, [rbp+0x10]
;;    28: popcnt esi, esi
;;    2d: and ebx, esi
;;    2f: mov esi, [rbp+0x10]
;;    32: imul esi, 0xa
;;    35: sar esi, 1
;;    38: or ebx, esi
;;    3a: mov [rbp+0x10], ebx
;;    3d: mov rsp, rbp
;;    40: pop rbp
;;    41: ret
;;    42: mov r11d, 9
;;    48: call qword ptr [r14+0x20]  ; trap site: wasm 0x33
