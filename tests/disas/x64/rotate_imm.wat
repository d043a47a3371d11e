;; Rotates by a constant whose operand stays live: a three-operand form (x64: BMI2 `rorx`).
(module
  (func $rotl32 (param $a i32) (result i32)
    (i32.xor (i32.rotl (local.get $a) (i32.const 7)) (local.get $a)))
  (func $rotr64 (param $a i64) (result i64)
    (i64.xor (i64.rotr (local.get $a) (i64.const 13)) (local.get $a))))
;; function[0] $rotl32:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: rorx esi, ebx, 0x19
;;    23: xor esi, ebx
;;    25: mov rbx, rsi
;;    28: mov rsp, rbp
;;    2b: pop rbp
;;    2c: ret
;;    2d: mov r11d, 9
;;    33: call qword ptr [r14+0x20]  ; trap site: wasm 0x1e
;; function[1] $rotr64:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x20]
;;    1d: rorx rsi, rbx, 0xd
;;    23: xor rsi, rbx
;;    26: mov rbx, rsi
;;    29: mov rsp, rbp
;;    2c: pop rbp
;;    2d: ret
;;    2e: mov r11d, 9
;;    34: call qword ptr [r14+0x20]  ; trap site: wasm 0x29
