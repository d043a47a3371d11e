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
;;     6: mov [rbp+0x18], ebx
;;     9: mov [rbp+0x10], esi
;;     c: lea rcx, [rbp-0x120]
;;    13: cmp rcx, [r14]
;;    16: jb 0x41
;;    1c: lea rsp, [rbp-0x20]
;;    23: mov edi, ebx
;;    25: add edi, esi
;;    27: shl edi, 3
;;    2a: mov r8d, ebx
;;    2d: sub r8d, esi
;;    30: mov ecx, esi
;;    33: rol r8d, cl
;;    36: xor edi, r8d
;;    39: mov rbx, rdi
;;    3c: mov rsp, rbp
;;    3f: pop rbp
;;    40: ret
;;    41: mov r11d, 9
;;    47: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $i32_bits:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov [rbp+0x10], ebx
;;     9: lea rcx, [rbp-0x120]
;;    10: cmp rcx, [r14]
;;    13: jb 0x42
;;    19: lea rsp, [rbp-0x20]
;;    20: mov rsi, rbx
;;    23: lzcnt esi, esi
;;    28: mov rdi, rbx
;;    2b: popcnt edi, edi
;;    30: and esi, edi
;;    32: imul edi, ebx, 0xa
;;    35: sar edi, 1
;;    38: or esi, edi
;;    3a: mov rbx, rsi
;;    3d: mov rsp, rbp
;;    40: pop rbp
;;    41: ret
;;    42: mov r11d, 9
;;    48: call qword ptr [r14+0x20]  ; trap site: wasm 0x33
