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
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x41
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x10]
;;    25: mov esi, [rbp+0x18]
;;    28: add esi, ebx
;;    2a: shl esi, 3
;;    2d: mov edi, [rbp+0x18]
;;    30: sub edi, ebx
;;    32: mov ecx, ebx
;;    35: rol edi, cl
;;    37: xor esi, edi
;;    39: mov [rbp+0x18], esi
;;    3c: mov rsp, rbp
;;    3f: pop rbp
;;    40: ret
;;    41: mov r11d, 9
;;    47: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $i32_bits:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x47
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x10]
;;    25: lzcnt ebx, ebx
;;    2a: mov esi, [rbp+0x10]
;;    2d: popcnt esi, esi
;;    32: and ebx, esi
;;    34: mov esi, [rbp+0x10]
;;    37: imul esi, 0xa
;;    3a: sar esi, 1
;;    3d: or ebx, esi
;;    3f: mov [rbp+0x10], ebx
;;    42: mov rsp, rbp
;;    45: pop rbp
;;    46: ret
;;    47: mov r11d, 9
;;    4d: call qword ptr [r14+0x20]  ; trap site: wasm 0x33
