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
;;     0: push rbp
;;     1: mov rbp, rsp
;;     4: push r14
;;     6: mov rax, [r14+0x10]
;;     a: lea rcx, [rbp-0x110]
;;    11: cmp rcx, [rax]
;;    15: jb 0x459
;;    1b: lea rsp, [rbp-0x10]
;;    22: mov r15, [r14+8]
;;    26: mov r13, [r15+8]
;;    2a: test r13b, 1
;;    2e: jne 0x34d
;;    34: test r13b, 2
;;    38: jne 0x351
;;    3e: test r13b, 4
;;    42: jne 0x355
;;    48: test r13b, 8
;;    4c: jne 0x359
;;    52: test r13b, 0x10
;;    56: jne 0x35d
;;    5c: test r13b, 0x20
;;    60: jne 0x361
;;    66: test r13b, 0x40
;;    6a: jne 0x365
;;    70: test r13b, 0x80
;;    74: jne 0x369
;;    7a: test r13d, 0x100
;;    81: jne 0x36d
;;    87: test r13d, 0x200
;;    8e: jne 0x371
;;    94: test r13d, 0x400
;;    9b: jne 0x375
;;    a1: test r13d, 0x800
;;    a8: jne 0x379
;;    ae: test r13d, 0x1000
;;    b5: jne 0x37d
;;    bb: test r13d, 0x2000
;;    c2: jne 0x381
;;    c8: test r13d, 0x4000
;;    cf: jne 0x385
;;    d5: test r13d, 0x8000
;;    dc: jne 0x389
;;    e2: test r13d, 0x10000
;;    e9: jne 0x38d
;;    ef: test r13d, 0x20000
;;    f6: jne 0x391
;;    fc: test r13d, 0x40000
;;   103: jne 0x395
;;   109: test r13d, 0x80000
;;   110: jne 0x399
;;   116: test r13d, 0x100000
;;   11d: jne 0x39d
;;   123: test r13d, 0x200000
;;   12a: jne 0x3a1
;;   130: test r13d, 0x400000
;;   137: jne 0x3a5
;;   13d: test r13d, 0x800000
;;   144: jne 0x3a9
;;   14a: test r13d, 0x1000000
;;   151: jne 0x3ad
;;   157: test r13d, 0x2000000
;;   15e: jne 0x3b1
;;   164: test r13d, 0x4000000
;;   16b: jne 0x3b5
;;   171: test r13d, 0x8000000
;;   178: jne 0x3b9
;;   17e: test r13d, 0x10000000
;;   185: jne 0x3bd
;;   18b: test r13d, 0x20000000
;;   192: jne 0x3c1
;;   198: test r13d, 0x40000000
;;   19f: jne 0x3c5
;;   1a5: test r13d, 0x80000000
;;   1ac: jne 0x3c9
;;   1b2: bt r13, 0x20
;;   1b7: jb 0x3cd
;;   1bd: bt r13, 0x21
;;   1c2: jb 0x3d1
;;   1c8: bt r13, 0x22
;;   1cd: jb 0x3d5
;;   1d3: bt r13, 0x23
;;   1d8: jb 0x3d9
;;   1de: bt r13, 0x24
;;   1e3: jb 0x3dd
;;   1e9: bt r13, 0x25
;;   1ee: jb 0x3e1
;;   1f4: bt r13, 0x26
;;   1f9: jb 0x3e5
;;   1ff: bt r13, 0x27
;;   204: jb 0x3e9
;;   20a: bt r13, 0x28
;;   20f: jb 0x3ed
;;   215: bt r13, 0x29
;;   21a: jb 0x3f1
;;   220: bt r13, 0x2a
;;   225: jb 0x3f5
;;   22b: bt r13, 0x2b
;;   230: jb 0x3f9
;;   236: bt r13, 0x2c
;;   23b: jb 0x3fd
;;   241: bt r13, 0x2d
;;   246: jb 0x401
;;   24c: bt r13, 0x2e
;;   251: jb 0x405
;;   257: bt r13, 0x2f
;;   25c: jb 0x409
;;   262: bt r13, 0x30
;;   267: jb 0x40d
;;   26d: bt r13, 0x31
;;   272: jb 0x411
;;   278: bt r13, 0x32
;;   27d: jb 0x415
;;   283: bt r13, 0x33
;;   288: jb 0x419
;;   28e: bt r13, 0x34
;;   293: jb 0x41d
;;   299: bt r13, 0x35
;;   29e: jb 0x421
;;   2a4: bt r13, 0x36
;;   2a9: jb 0x425
;;   2af: bt r13, 0x37
;;   2b4: jb 0x429
;;   2ba: bt r13, 0x38
;;   2bf: jb 0x42d
;;   2c5: bt r13, 0x39
;;   2ca: jb 0x431
;;   2d0: bt r13, 0x3a
;;   2d5: jb 0x435
;;   2db: bt r13, 0x3b
;;   2e0: jb 0x439
;;   2e6: bt r13, 0x3c
;;   2eb: jb 0x43d
;;   2f1: bt r13, 0x3d
;;   2f6: jb 0x441
;;   2fc: bt r13, 0x3e
;;   301: jb 0x445
;;   307: bt r13, 0x3f
;;   30c: jb 0x449
;;   312: mov r11, [r15]
;;   319: test byte ptr [r11+0x10], 1
;;   31e: jne 0x44d
;;   324: mov r11, [r15]
;;   32b: test byte ptr [r11+0x10], 2
;;   330: jne 0x451
;;   336: mov r11, [r15]
;;   33d: test byte ptr [r11+0x10], 4
;;   342: jne 0x455
;;   348: mov rsp, rbp
;;   34b: pop rbp
;;   34c: ret
;;   34d: call qword ptr [r15-8]  ; machine site 0 (resumes at 34)
;;   351: call qword ptr [r15-8]  ; machine site 1 (resumes at 3e)
;;   355: call qword ptr [r15-8]  ; machine site 2 (resumes at 48)
;;   359: call qword ptr [r15-8]  ; machine site 3 (resumes at 52)
;;   35d: call qword ptr [r15-8]  ; machine site 4 (resumes at 5c)
;;   361: call qword ptr [r15-8]  ; machine site 5 (resumes at 66)
;;   365: call qword ptr [r15-8]  ; machine site 6 (resumes at 70)
;;   369: call qword ptr [r15-8]  ; machine site 7 (resumes at 7a)
;;   36d: call qword ptr [r15-8]  ; machine site 8 (resumes at 87)
;;   371: call qword ptr [r15-8]  ; machine site 9 (resumes at 94)
;;   375: call qword ptr [r15-8]  ; machine site 10 (resumes at a1)
;;   379: call qword ptr [r15-8]  ; machine site 11 (resumes at ae)
;;   37d: call qword ptr [r15-8]  ; machine site 12 (resumes at bb)
;;   381: call qword ptr [r15-8]  ; machine site 13 (resumes at c8)
;;   385: call qword ptr [r15-8]  ; machine site 14 (resumes at d5)
;;   389: call qword ptr [r15-8]  ; machine site 15 (resumes at e2)
;;   38d: call qword ptr [r15-8]  ; machine site 16 (resumes at ef)
;;   391: call qword ptr [r15-8]  ; machine site 17 (resumes at fc)
;;   395: call qword ptr [r15-8]  ; machine site 18 (resumes at 109)
;;   399: call qword ptr [r15-8]  ; machine site 19 (resumes at 116)
;;   39d: call qword ptr [r15-8]  ; machine site 20 (resumes at 123)
;;   3a1: call qword ptr [r15-8]  ; machine site 21 (resumes at 130)
;;   3a5: call qword ptr [r15-8]  ; machine site 22 (resumes at 13d)
;;   3a9: call qword ptr [r15-8]  ; machine site 23 (resumes at 14a)
;;   3ad: call qword ptr [r15-8]  ; machine site 24 (resumes at 157)
;;   3b1: call qword ptr [r15-8]  ; machine site 25 (resumes at 164)
;;   3b5: call qword ptr [r15-8]  ; machine site 26 (resumes at 171)
;;   3b9: call qword ptr [r15-8]  ; machine site 27 (resumes at 17e)
;;   3bd: call qword ptr [r15-8]  ; machine site 28 (resumes at 18b)
;;   3c1: call qword ptr [r15-8]  ; machine site 29 (resumes at 198)
;;   3c5: call qword ptr [r15-8]  ; machine site 30 (resumes at 1a5)
;;   3c9: call qword ptr [r15-8]  ; machine site 31 (resumes at 1b2)
;;   3cd: call qword ptr [r15-8]  ; machine site 32 (resumes at 1bd)
;;   3d1: call qword ptr [r15-8]  ; machine site 33 (resumes at 1c8)
;;   3d5: call qword ptr [r15-8]  ; machine site 34 (resumes at 1d3)
;;   3d9: call qword ptr [r15-8]  ; machine site 35 (resumes at 1de)
;;   3dd: call qword ptr [r15-8]  ; machine site 36 (resumes at 1e9)
;;   3e1: call qword ptr [r15-8]  ; machine site 37 (resumes at 1f4)
;;   3e5: call qword ptr [r15-8]  ; machine site 38 (resumes at 1ff)
;;   3e9: call qword ptr [r15-8]  ; machine site 39 (resumes at 20a)
;;   3ed: call qword ptr [r15-8]  ; machine site 40 (resumes at 215)
;;   3f1: call qword ptr [r15-8]  ; machine site 41 (resumes at 220)
;;   3f5: call qword ptr [r15-8]  ; machine site 42 (resumes at 22b)
;;   3f9: call qword ptr [r15-8]  ; machine site 43 (resumes at 236)
;;   3fd: call qword ptr [r15-8]  ; machine site 44 (resumes at 241)
;;   401: call qword ptr [r15-8]  ; machine site 45 (resumes at 24c)
;;   405: call qword ptr [r15-8]  ; machine site 46 (resumes at 257)
;;   409: call qword ptr [r15-8]  ; machine site 47 (resumes at 262)
;;   40d: call qword ptr [r15-8]  ; machine site 48 (resumes at 26d)
;;   411: call qword ptr [r15-8]  ; machine site 49 (resumes at 278)
;;   415: call qword ptr [r15-8]  ; machine site 50 (resumes at 283)
;;   419: call qword ptr [r15-8]  ; machine site 51 (resumes at 28e)
;;   41d: call qword ptr [r15-8]  ; machine site 52 (resumes at 299)
;;   421: call qword ptr [r15-8]  ; machine site 53 (resumes at 2a4)
;;   425: call qword ptr [r15-8]  ; machine site 54 (resumes at 2af)
;;   429: call qword ptr [r15-8]  ; machine site 55 (resumes at 2ba)
;;   42d: call qword ptr [r15-8]  ; machine site 56 (resumes at 2c5)
;;   431: call qword ptr [r15-8]  ; machine site 57 (resumes at 2d0)
;;   435: call qword ptr [r15-8]  ; machine site 58 (resumes at 2db)
;;   439: call qword ptr [r15-8]  ; machine site 59 (resumes at 2e6)
;;   43d: call qword ptr [r15-8]  ; machine site 60 (resumes at 2f1)
;;   441: call qword ptr [r15-8]  ; machine site 61 (resumes at 2fc)
;;   445: call qword ptr [r15-8]  ; machine site 62 (resumes at 307)
;;   449: call qword ptr [r15-8]  ; machine site 63 (resumes at 312)
;;   44d: call qword ptr [r15-8]  ; machine site 64 (resumes at 324)
;;   451: call qword ptr [r15-8]  ; machine site 65 (resumes at 336)
;;   455: call qword ptr [r15-8]  ; machine site 66 (resumes at 348)
;;   459: mov r11d, 9
;;   45f: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
