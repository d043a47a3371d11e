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
;;    15: jb 0x52
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x10]
;;    26: mov esi, [rbp+0x18]
;;    2a: add esi, ebx
;;    2d: shl esi, 3
;;    31: mov ebx, [rbp+0x10]
;;    35: mov edi, [rbp+0x18]
;;    39: sub edi, ebx
;;    3c: mov ebx, [rbp+0x10]
;;    40: mov ecx, ebx
;;    43: rol edi, cl
;;    46: xor esi, edi
;;    49: mov [rbp+0x18], esi
;;    4d: mov rsp, rbp
;;    50: pop rbp
;;    51: ret
;;    52: mov r11d, 9
;;    58: call qword ptr [r14+0x20]  ; trap site: wasm 0x1f
;; function[1] $i32_bits:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x120]
;;    11: cmp rcx, [rax]
;;    15: jb 0x4f
;;    1b: lea rsp, [rbp-0x20]
;;    22: mov ebx, [rbp+0x10]
;;    26: lzcnt ebx, ebx
;;    2b: mov esi, [rbp+0x10]
;;    2f: popcnt esi, esi
;;    34: and ebx, esi
;;    37: mov esi, [rbp+0x10]
;;    3b: imul esi, 0xa
;;    3f: sar esi, 1
;;    43: or ebx, esi
;;    46: mov [rbp+0x10], ebx
;;    4a: mov rsp, rbp
;;    4d: pop rbp
;;    4e: ret
;;    4f: mov r11d, 9
;;    55: call qword ptr [r14+0x20]  ; trap site: wasm 0x33
