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
;;    24: mov r8d, ebx
;;    27: sub r8d, esi
;;    2a: mov ecx, esi
;;    2d: rol r8d, cl
;;    30: xor edi, r8d
;;    33: mov rbx, rdi
;;    36: mov rsp, rbp
;;    39: pop rbp
;;    3a: ret
;;    3b: mov r11d, 9
;;    41: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
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
;;    2f: imul edi, ebx, 0xa
;;    32: sar edi, 1
;;    35: or esi, edi
;;    37: mov rbx, rsi
;;    3a: mov rsp, rbp
;;    3d: pop rbp
;;    3e: ret
;;    3f: mov r11d, 9
;;    45: call qword ptr [r14+0x20]  ; trap site: wasm 0x33
