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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov edi, ebx
;;    1f: add edi, esi
;;    21: shl edi, 3
;;    24: sub ebx, esi
;;    26: mov ecx, esi
;;    29: rol ebx, cl
;;    2b: xor edi, ebx
;;    2d: mov rbx, rdi
;;    30: mov rsp, rbp
;;    33: pop rbp
;;    34: ret
;;    35: mov r11d, 9
;;    3b: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $i32_bits:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: mov rsi, rbx
;;    20: lzcnt esi, esi
;;    25: mov rdi, rbx
;;    28: popcnt edi, edi
;;    2d: and esi, edi
;;    2f: imul ebx, 0xa
;;    32: sar ebx, 1
;;    35: or esi, ebx
;;    37: mov rbx, rsi
;;    3a: mov rsp, rbp
;;    3d: pop rbp
;;    3e: ret
;;    3f: mov r11d, 9
;;    45: call qword ptr [r14+0x20]  ; trap site: wasm 0x33
