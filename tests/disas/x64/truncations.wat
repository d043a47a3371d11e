;; Float-to-int truncations, inline: trapping (NaN traps as an invalid conversion, out of range
;; as an integer overflow) and saturating, every width and signedness.
(module
  (func $i32_trunc_f32_s (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func $i32_trunc_f32_u (param f32) (result i32) (i32.trunc_f32_u (local.get 0)))
  (func $i32_trunc_f64_s (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func $i32_trunc_f64_u (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func $i64_trunc_f32_s (param f32) (result i64) (i64.trunc_f32_s (local.get 0)))
  (func $i64_trunc_f32_u (param f32) (result i64) (i64.trunc_f32_u (local.get 0)))
  (func $i64_trunc_f64_s (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
  (func $i64_trunc_f64_u (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func $i32_trunc_sat_f32_s (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
  (func $i32_trunc_sat_f32_u (param f32) (result i32) (i32.trunc_sat_f32_u (local.get 0)))
  (func $i32_trunc_sat_f64_s (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
  (func $i32_trunc_sat_f64_u (param f64) (result i32) (i32.trunc_sat_f64_u (local.get 0)))
  (func $i64_trunc_sat_f32_s (param f32) (result i64) (i64.trunc_sat_f32_s (local.get 0)))
  (func $i64_trunc_sat_f32_u (param f32) (result i64) (i64.trunc_sat_f32_u (local.get 0)))
  (func $i64_trunc_sat_f64_s (param f64) (result i64) (i64.trunc_sat_f64_s (local.get 0)))
  (func $i64_trunc_sat_f64_u (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
)
;; function[0] $i32_trunc_f32_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x38
;;    2a: ucomiss xmm0, xmm0
;;    2d: jp 0x4a
;;    33: jmp 0x54
;;    38: mov ebx, eax
;;    3b: mov rsp, rbp
;;    3e: pop rbp
;;    3f: ret
;;    40: mov r11d, 9
;;    46: call qword ptr [r14+0x20]  ; trap site: wasm 0x36
;;    4a: mov r11d, 4
;;    50: call qword ptr [r14+0x20]  ; trap site: wasm 0x39
;;    54: mov r11d, 3
;;    5a: call qword ptr [r14+0x20]  ; trap site: wasm 0x39
;; function[1] $i32_trunc_f32_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: mov ecx, eax
;;    24: cmp rcx, rax
;;    27: je short 0x37
;;    29: ucomiss xmm0, xmm0
;;    2c: jp 0x49
;;    32: jmp 0x53
;;    37: mov ebx, eax
;;    3a: mov rsp, rbp
;;    3d: pop rbp
;;    3e: ret
;;    3f: mov r11d, 9
;;    45: call qword ptr [r14+0x20]  ; trap site: wasm 0x3c
;;    49: mov r11d, 4
;;    4f: call qword ptr [r14+0x20]  ; trap site: wasm 0x3f
;;    53: mov r11d, 3
;;    59: call qword ptr [r14+0x20]  ; trap site: wasm 0x3f
;; function[2] $i32_trunc_f64_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x39
;;    2a: ucomisd xmm0, xmm0
;;    2e: jp 0x4b
;;    34: jmp 0x55
;;    39: mov ebx, eax
;;    3c: mov rsp, rbp
;;    3f: pop rbp
;;    40: ret
;;    41: mov r11d, 9
;;    47: call qword ptr [r14+0x20]  ; trap site: wasm 0x42
;;    4b: mov r11d, 4
;;    51: call qword ptr [r14+0x20]  ; trap site: wasm 0x45
;;    55: mov r11d, 3
;;    5b: call qword ptr [r14+0x20]  ; trap site: wasm 0x45
;; function[3] $i32_trunc_f64_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: mov ecx, eax
;;    24: cmp rcx, rax
;;    27: je short 0x38
;;    29: ucomisd xmm0, xmm0
;;    2d: jp 0x4a
;;    33: jmp 0x54
;;    38: mov ebx, eax
;;    3b: mov rsp, rbp
;;    3e: pop rbp
;;    3f: ret
;;    40: mov r11d, 9
;;    46: call qword ptr [r14+0x20]  ; trap site: wasm 0x48
;;    4a: mov r11d, 4
;;    50: call qword ptr [r14+0x20]  ; trap site: wasm 0x4b
;;    54: mov r11d, 3
;;    5a: call qword ptr [r14+0x20]  ; trap site: wasm 0x4b
;; function[4] $i64_trunc_f32_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: cmp rax, 1
;;    28: jno short 0x49
;;    2a: ucomiss xmm0, xmm0
;;    2d: jp 0x5b
;;    33: mov ecx, 0xdf000000
;;    38: movd xmm15, ecx
;;    3d: ucomiss xmm0, xmm15
;;    41: jne 0x65
;;    47: jmp short 0x49
;;    49: mov rbx, rax
;;    4c: mov rsp, rbp
;;    4f: pop rbp
;;    50: ret
;;    51: mov r11d, 9
;;    57: call qword ptr [r14+0x20]  ; trap site: wasm 0x4e
;;    5b: mov r11d, 4
;;    61: call qword ptr [r14+0x20]  ; trap site: wasm 0x51
;;    65: mov r11d, 3
;;    6b: call qword ptr [r14+0x20]  ; trap site: wasm 0x51
;; function[5] $i64_trunc_f32_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov ecx, 0x5f000000
;;    22: movd xmm15, ecx
;;    27: ucomiss xmm0, xmm15
;;    2b: jae short 0x39
;;    2d: cvttss2si rax, xmm0
;;    32: test rax, rax
;;    35: jns short 0x66
;;    37: jmp short 0x58
;;    39: movaps xmm14, xmm0
;;    3d: subss xmm14, xmm15
;;    42: cvttss2si rax, xmm14
;;    47: test rax, rax
;;    4a: js short 0x53
;;    4c: btc rax, 0x3f
;;    51: jmp short 0x66
;;    53: jmp 0x78
;;    58: ucomiss xmm0, xmm0
;;    5b: jp 0x82
;;    61: jmp 0x78
;;    66: mov rbx, rax
;;    69: mov rsp, rbp
;;    6c: pop rbp
;;    6d: ret
;;    6e: mov r11d, 9
;;    74: call qword ptr [r14+0x20]  ; trap site: wasm 0x54
;;    78: mov r11d, 3
;;    7e: call qword ptr [r14+0x20]  ; trap site: wasm 0x57
;;    82: mov r11d, 4
;;    88: call qword ptr [r14+0x20]  ; trap site: wasm 0x57
;; function[6] $i64_trunc_f64_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: cmp rax, 1
;;    28: jno short 0x50
;;    2a: ucomisd xmm0, xmm0
;;    2e: jp 0x62
;;    34: mov rcx, 0xc3e0000000000000
;;    3e: movq xmm15, rcx
;;    43: ucomisd xmm0, xmm15
;;    48: jne 0x6c
;;    4e: jmp short 0x50
;;    50: mov rbx, rax
;;    53: mov rsp, rbp
;;    56: pop rbp
;;    57: ret
;;    58: mov r11d, 9
;;    5e: call qword ptr [r14+0x20]  ; trap site: wasm 0x5a
;;    62: mov r11d, 4
;;    68: call qword ptr [r14+0x20]  ; trap site: wasm 0x5d
;;    6c: mov r11d, 3
;;    72: call qword ptr [r14+0x20]  ; trap site: wasm 0x5d
;; function[7] $i64_trunc_f64_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov rcx, 0x43e0000000000000
;;    27: movq xmm15, rcx
;;    2c: ucomisd xmm0, xmm15
;;    31: jae short 0x3f
;;    33: cvttsd2si rax, xmm0
;;    38: test rax, rax
;;    3b: jns short 0x6d
;;    3d: jmp short 0x5e
;;    3f: movaps xmm14, xmm0
;;    43: subsd xmm14, xmm15
;;    48: cvttsd2si rax, xmm14
;;    4d: test rax, rax
;;    50: js short 0x59
;;    52: btc rax, 0x3f
;;    57: jmp short 0x6d
;;    59: jmp 0x7f
;;    5e: ucomisd xmm0, xmm0
;;    62: jp 0x89
;;    68: jmp 0x7f
;;    6d: mov rbx, rax
;;    70: mov rsp, rbp
;;    73: pop rbp
;;    74: ret
;;    75: mov r11d, 9
;;    7b: call qword ptr [r14+0x20]  ; trap site: wasm 0x60
;;    7f: mov r11d, 3
;;    85: call qword ptr [r14+0x20]  ; trap site: wasm 0x63
;;    89: mov r11d, 4
;;    8f: call qword ptr [r14+0x20]  ; trap site: wasm 0x63
;; function[8] $i32_trunc_sat_f32_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x52
;;    2a: mov eax, 0
;;    2f: ucomiss xmm0, xmm0
;;    32: jp short 0x52
;;    34: xorps xmm15, xmm15
;;    38: ucomiss xmm0, xmm15
;;    3c: mov rax, 0x80000000
;;    46: jb short 0x52
;;    48: mov rax, 0x7fffffff
;;    52: mov ebx, eax
;;    55: mov rsp, rbp
;;    58: pop rbp
;;    59: ret
;;    5a: mov r11d, 9
;;    60: call qword ptr [r14+0x20]  ; trap site: wasm 0x66
;; function[9] $i32_trunc_sat_f32_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: mov ecx, eax
;;    24: cmp rcx, rax
;;    27: je short 0x51
;;    29: mov eax, 0
;;    2e: ucomiss xmm0, xmm0
;;    31: jp short 0x51
;;    33: xorps xmm15, xmm15
;;    37: ucomiss xmm0, xmm15
;;    3b: mov rax, 0
;;    45: jb short 0x51
;;    47: mov rax, 0xffffffff
;;    51: mov ebx, eax
;;    54: mov rsp, rbp
;;    57: pop rbp
;;    58: ret
;;    59: mov r11d, 9
;;    5f: call qword ptr [r14+0x20]  ; trap site: wasm 0x6d
;; function[10] $i32_trunc_sat_f64_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x54
;;    2a: mov eax, 0
;;    2f: ucomisd xmm0, xmm0
;;    33: jp short 0x54
;;    35: xorps xmm15, xmm15
;;    39: ucomisd xmm0, xmm15
;;    3e: mov rax, 0x80000000
;;    48: jb short 0x54
;;    4a: mov rax, 0x7fffffff
;;    54: mov ebx, eax
;;    57: mov rsp, rbp
;;    5a: pop rbp
;;    5b: ret
;;    5c: mov r11d, 9
;;    62: call qword ptr [r14+0x20]  ; trap site: wasm 0x74
;; function[11] $i32_trunc_sat_f64_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: mov ecx, eax
;;    24: cmp rcx, rax
;;    27: je short 0x53
;;    29: mov eax, 0
;;    2e: ucomisd xmm0, xmm0
;;    32: jp short 0x53
;;    34: xorps xmm15, xmm15
;;    38: ucomisd xmm0, xmm15
;;    3d: mov rax, 0
;;    47: jb short 0x53
;;    49: mov rax, 0xffffffff
;;    53: mov ebx, eax
;;    56: mov rsp, rbp
;;    59: pop rbp
;;    5a: ret
;;    5b: mov r11d, 9
;;    61: call qword ptr [r14+0x20]  ; trap site: wasm 0x7b
;; function[12] $i64_trunc_sat_f32_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: cmp rax, 1
;;    28: jno short 0x52
;;    2a: mov eax, 0
;;    2f: ucomiss xmm0, xmm0
;;    32: jp short 0x52
;;    34: xorps xmm15, xmm15
;;    38: ucomiss xmm0, xmm15
;;    3c: mov rax, 0x8000000000000000
;;    46: jb short 0x52
;;    48: mov rax, 0x7fffffffffffffff
;;    52: mov rbx, rax
;;    55: mov rsp, rbp
;;    58: pop rbp
;;    59: ret
;;    5a: mov r11d, 9
;;    60: call qword ptr [r14+0x20]  ; trap site: wasm 0x82
;; function[13] $i64_trunc_sat_f32_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov ecx, 0x5f000000
;;    22: movd xmm15, ecx
;;    27: ucomiss xmm0, xmm15
;;    2b: jae short 0x39
;;    2d: cvttss2si rax, xmm0
;;    32: test rax, rax
;;    35: jns short 0x5e
;;    37: jmp short 0x5c
;;    39: movaps xmm14, xmm0
;;    3d: subss xmm14, xmm15
;;    42: cvttss2si rax, xmm14
;;    47: test rax, rax
;;    4a: js short 0x53
;;    4c: btc rax, 0x3f
;;    51: jmp short 0x5e
;;    53: mov rax, 0xffffffffffffffff
;;    5a: jmp short 0x5e
;;    5c: xor eax, eax
;;    5e: mov rbx, rax
;;    61: mov rsp, rbp
;;    64: pop rbp
;;    65: ret
;;    66: mov r11d, 9
;;    6c: call qword ptr [r14+0x20]  ; trap site: wasm 0x89
;; function[14] $i64_trunc_sat_f64_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: cmp rax, 1
;;    28: jno short 0x54
;;    2a: mov eax, 0
;;    2f: ucomisd xmm0, xmm0
;;    33: jp short 0x54
;;    35: xorps xmm15, xmm15
;;    39: ucomisd xmm0, xmm15
;;    3e: mov rax, 0x8000000000000000
;;    48: jb short 0x54
;;    4a: mov rax, 0x7fffffffffffffff
;;    54: mov rbx, rax
;;    57: mov rsp, rbp
;;    5a: pop rbp
;;    5b: ret
;;    5c: mov r11d, 9
;;    62: call qword ptr [r14+0x20]  ; trap site: wasm 0x90
;; function[15] $i64_trunc_sat_f64_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov rcx, 0x43e0000000000000
;;    27: movq xmm15, rcx
;;    2c: ucomisd xmm0, xmm15
;;    31: jae short 0x3f
;;    33: cvttsd2si rax, xmm0
;;    38: test rax, rax
;;    3b: jns short 0x64
;;    3d: jmp short 0x62
;;    3f: movaps xmm14, xmm0
;;    43: subsd xmm14, xmm15
;;    48: cvttsd2si rax, xmm14
;;    4d: test rax, rax
;;    50: js short 0x59
;;    52: btc rax, 0x3f
;;    57: jmp short 0x64
;;    59: mov rax, 0xffffffffffffffff
;;    60: jmp short 0x64
;;    62: xor eax, eax
;;    64: mov rbx, rax
;;    67: mov rsp, rbp
;;    6a: pop rbp
;;    6b: ret
;;    6c: mov r11d, 9
;;    72: call qword ptr [r14+0x20]  ; trap site: wasm 0x97
