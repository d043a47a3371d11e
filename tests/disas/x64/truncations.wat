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
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x41
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x39
;;    2a: ucomiss xmm0, xmm0
;;    2e: jp 0x4b
;;    34: jmp 0x55
;;    39: mov ebx, eax
;;    3c: mov rsp, rbp
;;    3f: pop rbp
;;    40: ret
;;    41: mov r11d, 9
;;    47: call qword ptr [r14+0x20]  ; trap site: wasm 0x36
;;    4b: mov r11d, 4
;;    51: call qword ptr [r14+0x20]  ; trap site: wasm 0x39
;;    55: mov r11d, 3
;;    5b: call qword ptr [r14+0x20]  ; trap site: wasm 0x39
;; function[1] $i32_trunc_f32_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x40
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: mov ecx, eax
;;    24: cmp rcx, rax
;;    27: je short 0x38
;;    29: ucomiss xmm0, xmm0
;;    2d: jp 0x4a
;;    33: jmp 0x54
;;    38: mov ebx, eax
;;    3b: mov rsp, rbp
;;    3e: pop rbp
;;    3f: ret
;;    40: mov r11d, 9
;;    46: call qword ptr [r14+0x20]  ; trap site: wasm 0x3c
;;    4a: mov r11d, 4
;;    50: call qword ptr [r14+0x20]  ; trap site: wasm 0x3f
;;    54: mov r11d, 3
;;    5a: call qword ptr [r14+0x20]  ; trap site: wasm 0x3f
;; function[2] $i32_trunc_f64_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x42
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x3a
;;    2a: ucomisd xmm0, xmm0
;;    2f: jp 0x4c
;;    35: jmp 0x56
;;    3a: mov ebx, eax
;;    3d: mov rsp, rbp
;;    40: pop rbp
;;    41: ret
;;    42: mov r11d, 9
;;    48: call qword ptr [r14+0x20]  ; trap site: wasm 0x42
;;    4c: mov r11d, 4
;;    52: call qword ptr [r14+0x20]  ; trap site: wasm 0x45
;;    56: mov r11d, 3
;;    5c: call qword ptr [r14+0x20]  ; trap site: wasm 0x45
;; function[3] $i32_trunc_f64_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x41
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: mov ecx, eax
;;    24: cmp rcx, rax
;;    27: je short 0x39
;;    29: ucomisd xmm0, xmm0
;;    2e: jp 0x4b
;;    34: jmp 0x55
;;    39: mov ebx, eax
;;    3c: mov rsp, rbp
;;    3f: pop rbp
;;    40: ret
;;    41: mov r11d, 9
;;    47: call qword ptr [r14+0x20]  ; trap site: wasm 0x48
;;    4b: mov r11d, 4
;;    51: call qword ptr [r14+0x20]  ; trap site: wasm 0x4b
;;    55: mov r11d, 3
;;    5b: call qword ptr [r14+0x20]  ; trap site: wasm 0x4b
;; function[4] $i64_trunc_f32_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x52
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: cmp rax, 1
;;    28: jno short 0x4a
;;    2a: ucomiss xmm0, xmm0
;;    2e: jp 0x5c
;;    34: mov ecx, 0xdf000000
;;    39: movd xmm15, ecx
;;    3e: ucomiss xmm0, xmm15
;;    42: jne 0x66
;;    48: jmp short 0x4a
;;    4a: mov rbx, rax
;;    4d: mov rsp, rbp
;;    50: pop rbp
;;    51: ret
;;    52: mov r11d, 9
;;    58: call qword ptr [r14+0x20]  ; trap site: wasm 0x4e
;;    5c: mov r11d, 4
;;    62: call qword ptr [r14+0x20]  ; trap site: wasm 0x51
;;    66: mov r11d, 3
;;    6c: call qword ptr [r14+0x20]  ; trap site: wasm 0x51
;; function[5] $i64_trunc_f32_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x6f
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov ecx, 0x5f000000
;;    22: movd xmm15, ecx
;;    27: ucomiss xmm0, xmm15
;;    2b: jae short 0x39
;;    2d: cvttss2si rax, xmm0
;;    32: test rax, rax
;;    35: jns short 0x67
;;    37: jmp short 0x58
;;    39: movaps xmm14, xmm0
;;    3d: subss xmm14, xmm15
;;    42: cvttss2si rax, xmm14
;;    47: test rax, rax
;;    4a: js short 0x53
;;    4c: btc rax, 0x3f
;;    51: jmp short 0x67
;;    53: jmp 0x79
;;    58: ucomiss xmm0, xmm0
;;    5c: jp 0x83
;;    62: jmp 0x79
;;    67: mov rbx, rax
;;    6a: mov rsp, rbp
;;    6d: pop rbp
;;    6e: ret
;;    6f: mov r11d, 9
;;    75: call qword ptr [r14+0x20]  ; trap site: wasm 0x54
;;    79: mov r11d, 3
;;    7f: call qword ptr [r14+0x20]  ; trap site: wasm 0x57
;;    83: mov r11d, 4
;;    89: call qword ptr [r14+0x20]  ; trap site: wasm 0x57
;; function[6] $i64_trunc_f64_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x59
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: cmp rax, 1
;;    28: jno short 0x51
;;    2a: ucomisd xmm0, xmm0
;;    2f: jp 0x63
;;    35: mov rcx, 0xc3e0000000000000
;;    3f: movq xmm15, rcx
;;    44: ucomisd xmm0, xmm15
;;    49: jne 0x6d
;;    4f: jmp short 0x51
;;    51: mov rbx, rax
;;    54: mov rsp, rbp
;;    57: pop rbp
;;    58: ret
;;    59: mov r11d, 9
;;    5f: call qword ptr [r14+0x20]  ; trap site: wasm 0x5a
;;    63: mov r11d, 4
;;    69: call qword ptr [r14+0x20]  ; trap site: wasm 0x5d
;;    6d: mov r11d, 3
;;    73: call qword ptr [r14+0x20]  ; trap site: wasm 0x5d
;; function[7] $i64_trunc_f64_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x76
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov rcx, 0x43e0000000000000
;;    27: movq xmm15, rcx
;;    2c: ucomisd xmm0, xmm15
;;    31: jae short 0x3f
;;    33: cvttsd2si rax, xmm0
;;    38: test rax, rax
;;    3b: jns short 0x6e
;;    3d: jmp short 0x5e
;;    3f: movaps xmm14, xmm0
;;    43: subsd xmm14, xmm15
;;    48: cvttsd2si rax, xmm14
;;    4d: test rax, rax
;;    50: js short 0x59
;;    52: btc rax, 0x3f
;;    57: jmp short 0x6e
;;    59: jmp 0x80
;;    5e: ucomisd xmm0, xmm0
;;    63: jp 0x8a
;;    69: jmp 0x80
;;    6e: mov rbx, rax
;;    71: mov rsp, rbp
;;    74: pop rbp
;;    75: ret
;;    76: mov r11d, 9
;;    7c: call qword ptr [r14+0x20]  ; trap site: wasm 0x60
;;    80: mov r11d, 3
;;    86: call qword ptr [r14+0x20]  ; trap site: wasm 0x63
;;    8a: mov r11d, 4
;;    90: call qword ptr [r14+0x20]  ; trap site: wasm 0x63
;; function[8] $i32_trunc_sat_f32_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x5b
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x53
;;    2a: mov eax, 0
;;    2f: ucomiss xmm0, xmm0
;;    33: jp short 0x53
;;    35: xorps xmm15, xmm15
;;    39: ucomiss xmm0, xmm15
;;    3d: mov rax, 0x80000000
;;    47: jb short 0x53
;;    49: mov rax, 0x7fffffff
;;    53: mov ebx, eax
;;    56: mov rsp, rbp
;;    59: pop rbp
;;    5a: ret
;;    5b: mov r11d, 9
;;    61: call qword ptr [r14+0x20]  ; trap site: wasm 0x66
;; function[9] $i32_trunc_sat_f32_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x5a
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: mov ecx, eax
;;    24: cmp rcx, rax
;;    27: je short 0x52
;;    29: mov eax, 0
;;    2e: ucomiss xmm0, xmm0
;;    32: jp short 0x52
;;    34: xorps xmm15, xmm15
;;    38: ucomiss xmm0, xmm15
;;    3c: mov rax, 0
;;    46: jb short 0x52
;;    48: mov rax, 0xffffffff
;;    52: mov ebx, eax
;;    55: mov rsp, rbp
;;    58: pop rbp
;;    59: ret
;;    5a: mov r11d, 9
;;    60: call qword ptr [r14+0x20]  ; trap site: wasm 0x6d
;; function[10] $i32_trunc_sat_f64_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x5d
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: movsxd rcx, eax
;;    25: cmp rcx, rax
;;    28: je short 0x55
;;    2a: mov eax, 0
;;    2f: ucomisd xmm0, xmm0
;;    34: jp short 0x55
;;    36: xorps xmm15, xmm15
;;    3a: ucomisd xmm0, xmm15
;;    3f: mov rax, 0x80000000
;;    49: jb short 0x55
;;    4b: mov rax, 0x7fffffff
;;    55: mov ebx, eax
;;    58: mov rsp, rbp
;;    5b: pop rbp
;;    5c: ret
;;    5d: mov r11d, 9
;;    63: call qword ptr [r14+0x20]  ; trap site: wasm 0x74
;; function[11] $i32_trunc_sat_f64_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x5c
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: mov ecx, eax
;;    24: cmp rcx, rax
;;    27: je short 0x54
;;    29: mov eax, 0
;;    2e: ucomisd xmm0, xmm0
;;    33: jp short 0x54
;;    35: xorps xmm15, xmm15
;;    39: ucomisd xmm0, xmm15
;;    3e: mov rax, 0
;;    48: jb short 0x54
;;    4a: mov rax, 0xffffffff
;;    54: mov ebx, eax
;;    57: mov rsp, rbp
;;    5a: pop rbp
;;    5b: ret
;;    5c: mov r11d, 9
;;    62: call qword ptr [r14+0x20]  ; trap site: wasm 0x7b
;; function[12] $i64_trunc_sat_f32_s:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x5b
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttss2si rax, xmm0
;;    22: cmp rax, 1
;;    28: jno short 0x53
;;    2a: mov eax, 0
;;    2f: ucomiss xmm0, xmm0
;;    33: jp short 0x53
;;    35: xorps xmm15, xmm15
;;    39: ucomiss xmm0, xmm15
;;    3d: mov rax, 0x8000000000000000
;;    47: jb short 0x53
;;    49: mov rax, 0x7fffffffffffffff
;;    53: mov rbx, rax
;;    56: mov rsp, rbp
;;    59: pop rbp
;;    5a: ret
;;    5b: mov r11d, 9
;;    61: call qword ptr [r14+0x20]  ; trap site: wasm 0x82
;; function[13] $i64_trunc_sat_f32_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x66
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
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x5d
;;    16: lea rsp, [rbp-0x10]
;;    1d: cvttsd2si rax, xmm0
;;    22: cmp rax, 1
;;    28: jno short 0x55
;;    2a: mov eax, 0
;;    2f: ucomisd xmm0, xmm0
;;    34: jp short 0x55
;;    36: xorps xmm15, xmm15
;;    3a: ucomisd xmm0, xmm15
;;    3f: mov rax, 0x8000000000000000
;;    49: jb short 0x55
;;    4b: mov rax, 0x7fffffffffffffff
;;    55: mov rbx, rax
;;    58: mov rsp, rbp
;;    5b: pop rbp
;;    5c: ret
;;    5d: mov r11d, 9
;;    63: call qword ptr [r14+0x20]  ; trap site: wasm 0x90
;; function[15] $i64_trunc_sat_f64_u:
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: lea rcx, [rbp-0x110]
;;     d: cmp rcx, [r14]
;;    10: jb 0x6c
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
