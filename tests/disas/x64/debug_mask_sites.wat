;;! debug = true
;; Debug code with more than 64 machine sites: each `(loop)` binds a branch target, so the stop
;; point after it starts a site of its own (67 sites with the entry's). Sites 0-63 test a bit of
;; the bits register; sites 64 and later load the function's gate and test the bit in the mask
;; bytes in memory.
(module
  (func $many_sites
    (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop)
    (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop)
    (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop)
    (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop)
    (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop)
    (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop) (loop)))
;; function[0] $many_sites:
;;     0: mov r15, [r14+8]
;;     4: mov r13, [r15+8]
;;     8: push rbp
;;     9: mov rbp, rsp
;;     c: push r14
;;     e: jmp short 0x1e
;;    10: nop [rax]
;;    17: nop [rax]
;;    1e: lea rsp, [rbp-0x10]
;;    25: test r13b, 1
;;    29: jne 0x350
;;    2f: test r13b, 2
;;    33: jne 0x354
;;    39: test r13b, 4
;;    3d: jne 0x358
;;    43: test r13b, 8
;;    47: jne 0x35c
;;    4d: test r13b, 0x10
;;    51: jne 0x360
;;    57: test r13b, 0x20
;;    5b: jne 0x364
;;    61: test r13b, 0x40
;;    65: jne 0x368
;;    6b: test r13d, 0x100
;;    72: jne 0x36c
;;    78: test r13d, 0x200
;;    7f: jne 0x370
;;    85: test r13d, 0x400
;;    8c: jne 0x374
;;    92: test r13d, 0x800
;;    99: jne 0x378
;;    9f: test r13d, 0x1000
;;    a6: jne 0x37c
;;    ac: test r13d, 0x2000
;;    b3: jne 0x380
;;    b9: test r13d, 0x4000
;;    c0: jne 0x384
;;    c6: test r13d, 0x8000
;;    cd: jne 0x388
;;    d3: test r13d, 0x10000
;;    da: jne 0x38c
;;    e0: test r13d, 0x20000
;;    e7: jne 0x390
;;    ed: test r13d, 0x40000
;;    f4: jne 0x394
;;    fa: test r13d, 0x80000
;;   101: jne 0x398
;;   107: test r13d, 0x100000
;;   10e: jne 0x39c
;;   114: test r13d, 0x200000
;;   11b: jne 0x3a0
;;   121: test r13d, 0x400000
;;   128: jne 0x3a4
;;   12e: test r13d, 0x800000
;;   135: jne 0x3a8
;;   13b: test r13d, 0x1000000
;;   142: jne 0x3ac
;;   148: test r13d, 0x2000000
;;   14f: jne 0x3b0
;;   155: test r13d, 0x4000000
;;   15c: jne 0x3b4
;;   162: test r13d, 0x8000000
;;   169: jne 0x3b8
;;   16f: test r13d, 0x10000000
;;   176: jne 0x3bc
;;   17c: test r13d, 0x20000000
;;   183: jne 0x3c0
;;   189: test r13d, 0x40000000
;;   190: jne 0x3c4
;;   196: test r13d, 0x80000000
;;   19d: jne 0x3c8
;;   1a3: bt r13, 0x20
;;   1a8: jb 0x3cc
;;   1ae: bt r13, 0x21
;;   1b3: jb 0x3d0
;;   1b9: bt r13, 0x22
;;   1be: jb 0x3d4
;;   1c4: bt r13, 0x23
;;   1c9: jb 0x3d8
;;   1cf: bt r13, 0x24
;;   1d4: jb 0x3dc
;;   1da: bt r13, 0x25
;;   1df: jb 0x3e0
;;   1e5: bt r13, 0x26
;;   1ea: jb 0x3e4
;;   1f0: bt r13, 0x27
;;   1f5: jb 0x3e8
;;   1fb: bt r13, 0x28
;;   200: jb 0x3ec
;;   206: bt r13, 0x29
;;   20b: jb 0x3f0
;;   211: bt r13, 0x2a
;;   216: jb 0x3f4
;;   21c: bt r13, 0x2b
;;   221: jb 0x3f8
;;   227: bt r13, 0x2c
;;   22c: jb 0x3fc
;;   232: bt r13, 0x2d
;;   237: jb 0x400
;;   23d: bt r13, 0x2e
;;   242: jb 0x404
;;   248: bt r13, 0x2f
;;   24d: jb 0x408
;;   253: bt r13, 0x30
;;   258: jb 0x40c
;;   25e: bt r13, 0x31
;;   263: jb 0x410
;;   269: bt r13, 0x32
;;   26e: jb 0x414
;;   274: bt r13, 0x33
;;   279: jb 0x418
;;   27f: bt r13, 0x34
;;   284: jb 0x41c
;;   28a: bt r13, 0x35
;;   28f: jb 0x420
;;   295: bt r13, 0x36
;;   29a: jb 0x424
;;   2a0: bt r13, 0x37
;;   2a5: jb 0x428
;;   2ab: bt r13, 0x38
;;   2b0: jb 0x42c
;;   2b6: bt r13, 0x39
;;   2bb: jb 0x430
;;   2c1: bt r13, 0x3a
;;   2c6: jb 0x434
;;   2cc: bt r13, 0x3b
;;   2d1: jb 0x438
;;   2d7: bt r13, 0x3c
;;   2dc: jb 0x43c
;;   2e2: bt r13, 0x3d
;;   2e7: jb 0x440
;;   2ed: bt r13, 0x3e
;;   2f2: jb 0x444
;;   2f8: bt r13, 0x3f
;;   2fd: jb 0x448
;;   303: mov r11, [r15]
;;   30a: test byte ptr [r11+0x10], 1
;;   30f: jne 0x44c
;;   315: mov r11, [r15]
;;   31c: test byte ptr [r11+0x10], 2
;;   321: jne 0x450
;;   327: mov r11, [r15]
;;   32e: test byte ptr [r11+0x10], 4
;;   333: jne 0x454
;;   339: mov r11, [r15]
;;   340: test byte ptr [r11+0x10], 8
;;   345: jne 0x458
;;   34b: mov rsp, rbp
;;   34e: pop rbp
;;   34f: ret
;;   350: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;   354: call qword ptr [r15-8]  ; machine site 1 (resumes at 39)
;;   358: call qword ptr [r15-8]  ; machine site 2 (resumes at 43)
;;   35c: call qword ptr [r15-8]  ; machine site 3 (resumes at 4d)
;;   360: call qword ptr [r15-8]  ; machine site 4 (resumes at 57)
;;   364: call qword ptr [r15-8]  ; machine site 5 (resumes at 61)
;;   368: call qword ptr [r15-8]  ; machine site 6 (resumes at 6b)
;;   36c: call qword ptr [r15-8]  ; machine site 7 (resumes at 78)
;;   370: call qword ptr [r15-8]  ; machine site 8 (resumes at 85)
;;   374: call qword ptr [r15-8]  ; machine site 9 (resumes at 92)
;;   378: call qword ptr [r15-8]  ; machine site 10 (resumes at 9f)
;;   37c: call qword ptr [r15-8]  ; machine site 11 (resumes at ac)
;;   380: call qword ptr [r15-8]  ; machine site 12 (resumes at b9)
;;   384: call qword ptr [r15-8]  ; machine site 13 (resumes at c6)
;;   388: call qword ptr [r15-8]  ; machine site 14 (resumes at d3)
;;   38c: call qword ptr [r15-8]  ; machine site 15 (resumes at e0)
;;   390: call qword ptr [r15-8]  ; machine site 16 (resumes at ed)
;;   394: call qword ptr [r15-8]  ; machine site 17 (resumes at fa)
;;   398: call qword ptr [r15-8]  ; machine site 18 (resumes at 107)
;;   39c: call qword ptr [r15-8]  ; machine site 19 (resumes at 114)
;;   3a0: call qword ptr [r15-8]  ; machine site 20 (resumes at 121)
;;   3a4: call qword ptr [r15-8]  ; machine site 21 (resumes at 12e)
;;   3a8: call qword ptr [r15-8]  ; machine site 22 (resumes at 13b)
;;   3ac: call qword ptr [r15-8]  ; machine site 23 (resumes at 148)
;;   3b0: call qword ptr [r15-8]  ; machine site 24 (resumes at 155)
;;   3b4: call qword ptr [r15-8]  ; machine site 25 (resumes at 162)
;;   3b8: call qword ptr [r15-8]  ; machine site 26 (resumes at 16f)
;;   3bc: call qword ptr [r15-8]  ; machine site 27 (resumes at 17c)
;;   3c0: call qword ptr [r15-8]  ; machine site 28 (resumes at 189)
;;   3c4: call qword ptr [r15-8]  ; machine site 29 (resumes at 196)
;;   3c8: call qword ptr [r15-8]  ; machine site 30 (resumes at 1a3)
;;   3cc: call qword ptr [r15-8]  ; machine site 31 (resumes at 1ae)
;;   3d0: call qword ptr [r15-8]  ; machine site 32 (resumes at 1b9)
;;   3d4: call qword ptr [r15-8]  ; machine site 33 (resumes at 1c4)
;;   3d8: call qword ptr [r15-8]  ; machine site 34 (resumes at 1cf)
;;   3dc: call qword ptr [r15-8]  ; machine site 35 (resumes at 1da)
;;   3e0: call qword ptr [r15-8]  ; machine site 36 (resumes at 1e5)
;;   3e4: call qword ptr [r15-8]  ; machine site 37 (resumes at 1f0)
;;   3e8: call qword ptr [r15-8]  ; machine site 38 (resumes at 1fb)
;;   3ec: call qword ptr [r15-8]  ; machine site 39 (resumes at 206)
;;   3f0: call qword ptr [r15-8]  ; machine site 40 (resumes at 211)
;;   3f4: call qword ptr [r15-8]  ; machine site 41 (resumes at 21c)
;;   3f8: call qword ptr [r15-8]  ; machine site 42 (resumes at 227)
;;   3fc: call qword ptr [r15-8]  ; machine site 43 (resumes at 232)
;;   400: call qword ptr [r15-8]  ; machine site 44 (resumes at 23d)
;;   404: call qword ptr [r15-8]  ; machine site 45 (resumes at 248)
;;   408: call qword ptr [r15-8]  ; machine site 46 (resumes at 253)
;;   40c: call qword ptr [r15-8]  ; machine site 47 (resumes at 25e)
;;   410: call qword ptr [r15-8]  ; machine site 48 (resumes at 269)
;;   414: call qword ptr [r15-8]  ; machine site 49 (resumes at 274)
;;   418: call qword ptr [r15-8]  ; machine site 50 (resumes at 27f)
;;   41c: call qword ptr [r15-8]  ; machine site 51 (resumes at 28a)
;;   420: call qword ptr [r15-8]  ; machine site 52 (resumes at 295)
;;   424: call qword ptr [r15-8]  ; machine site 53 (resumes at 2a0)
;;   428: call qword ptr [r15-8]  ; machine site 54 (resumes at 2ab)
;;   42c: call qword ptr [r15-8]  ; machine site 55 (resumes at 2b6)
;;   430: call qword ptr [r15-8]  ; machine site 56 (resumes at 2c1)
;;   434: call qword ptr [r15-8]  ; machine site 57 (resumes at 2cc)
;;   438: call qword ptr [r15-8]  ; machine site 58 (resumes at 2d7)
;;   43c: call qword ptr [r15-8]  ; machine site 59 (resumes at 2e2)
;;   440: call qword ptr [r15-8]  ; machine site 60 (resumes at 2ed)
;;   444: call qword ptr [r15-8]  ; machine site 61 (resumes at 2f8)
;;   448: call qword ptr [r15-8]  ; machine site 62 (resumes at 303)
;;   44c: call qword ptr [r15-8]  ; machine site 63 (resumes at 315)
;;   450: call qword ptr [r15-8]  ; machine site 64 (resumes at 327)
;;   454: call qword ptr [r15-8]  ; machine site 65 (resumes at 339)
;;   458: call qword ptr [r15-8]  ; machine site 66 (resumes at 34b)
;;   45c: mov r11d, 9
;;   462: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
