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
;;     6: jmp short 0x16
;;     8: nop [rax]
;;     f: nop [rax]
;;    16: lea rsp, [rbp-0x10]
;;    1d: mov r15, [r14+8]
;;    21: mov r13, [r15+8]
;;    25: test r13b, 1
;;    29: jne 0x348
;;    2f: test r13b, 2
;;    33: jne 0x34c
;;    39: test r13b, 4
;;    3d: jne 0x350
;;    43: test r13b, 8
;;    47: jne 0x354
;;    4d: test r13b, 0x10
;;    51: jne 0x358
;;    57: test r13b, 0x20
;;    5b: jne 0x35c
;;    61: test r13b, 0x40
;;    65: jne 0x360
;;    6b: test r13b, 0x80
;;    6f: jne 0x364
;;    75: test r13d, 0x100
;;    7c: jne 0x368
;;    82: test r13d, 0x200
;;    89: jne 0x36c
;;    8f: test r13d, 0x400
;;    96: jne 0x370
;;    9c: test r13d, 0x800
;;    a3: jne 0x374
;;    a9: test r13d, 0x1000
;;    b0: jne 0x378
;;    b6: test r13d, 0x2000
;;    bd: jne 0x37c
;;    c3: test r13d, 0x4000
;;    ca: jne 0x380
;;    d0: test r13d, 0x8000
;;    d7: jne 0x384
;;    dd: test r13d, 0x10000
;;    e4: jne 0x388
;;    ea: test r13d, 0x20000
;;    f1: jne 0x38c
;;    f7: test r13d, 0x40000
;;    fe: jne 0x390
;;   104: test r13d, 0x80000
;;   10b: jne 0x394
;;   111: test r13d, 0x100000
;;   118: jne 0x398
;;   11e: test r13d, 0x200000
;;   125: jne 0x39c
;;   12b: test r13d, 0x400000
;;   132: jne 0x3a0
;;   138: test r13d, 0x800000
;;   13f: jne 0x3a4
;;   145: test r13d, 0x1000000
;;   14c: jne 0x3a8
;;   152: test r13d, 0x2000000
;;   159: jne 0x3ac
;;   15f: test r13d, 0x4000000
;;   166: jne 0x3b0
;;   16c: test r13d, 0x8000000
;;   173: jne 0x3b4
;;   179: test r13d, 0x10000000
;;   180: jne 0x3b8
;;   186: test r13d, 0x20000000
;;   18d: jne 0x3bc
;;   193: test r13d, 0x40000000
;;   19a: jne 0x3c0
;;   1a0: test r13d, 0x80000000
;;   1a7: jne 0x3c4
;;   1ad: bt r13, 0x20
;;   1b2: jb 0x3c8
;;   1b8: bt r13, 0x21
;;   1bd: jb 0x3cc
;;   1c3: bt r13, 0x22
;;   1c8: jb 0x3d0
;;   1ce: bt r13, 0x23
;;   1d3: jb 0x3d4
;;   1d9: bt r13, 0x24
;;   1de: jb 0x3d8
;;   1e4: bt r13, 0x25
;;   1e9: jb 0x3dc
;;   1ef: bt r13, 0x26
;;   1f4: jb 0x3e0
;;   1fa: bt r13, 0x27
;;   1ff: jb 0x3e4
;;   205: bt r13, 0x28
;;   20a: jb 0x3e8
;;   210: bt r13, 0x29
;;   215: jb 0x3ec
;;   21b: bt r13, 0x2a
;;   220: jb 0x3f0
;;   226: bt r13, 0x2b
;;   22b: jb 0x3f4
;;   231: bt r13, 0x2c
;;   236: jb 0x3f8
;;   23c: bt r13, 0x2d
;;   241: jb 0x3fc
;;   247: bt r13, 0x2e
;;   24c: jb 0x400
;;   252: bt r13, 0x2f
;;   257: jb 0x404
;;   25d: bt r13, 0x30
;;   262: jb 0x408
;;   268: bt r13, 0x31
;;   26d: jb 0x40c
;;   273: bt r13, 0x32
;;   278: jb 0x410
;;   27e: bt r13, 0x33
;;   283: jb 0x414
;;   289: bt r13, 0x34
;;   28e: jb 0x418
;;   294: bt r13, 0x35
;;   299: jb 0x41c
;;   29f: bt r13, 0x36
;;   2a4: jb 0x420
;;   2aa: bt r13, 0x37
;;   2af: jb 0x424
;;   2b5: bt r13, 0x38
;;   2ba: jb 0x428
;;   2c0: bt r13, 0x39
;;   2c5: jb 0x42c
;;   2cb: bt r13, 0x3a
;;   2d0: jb 0x430
;;   2d6: bt r13, 0x3b
;;   2db: jb 0x434
;;   2e1: bt r13, 0x3c
;;   2e6: jb 0x438
;;   2ec: bt r13, 0x3d
;;   2f1: jb 0x43c
;;   2f7: bt r13, 0x3e
;;   2fc: jb 0x440
;;   302: bt r13, 0x3f
;;   307: jb 0x444
;;   30d: mov r11, [r15]
;;   314: test byte ptr [r11+0x10], 1
;;   319: jne 0x448
;;   31f: mov r11, [r15]
;;   326: test byte ptr [r11+0x10], 2
;;   32b: jne 0x44c
;;   331: mov r11, [r15]
;;   338: test byte ptr [r11+0x10], 4
;;   33d: jne 0x450
;;   343: mov rsp, rbp
;;   346: pop rbp
;;   347: ret
;;   348: call qword ptr [r15-8]  ; machine site 0 (resumes at 2f)
;;   34c: call qword ptr [r15-8]  ; machine site 1 (resumes at 39)
;;   350: call qword ptr [r15-8]  ; machine site 2 (resumes at 43)
;;   354: call qword ptr [r15-8]  ; machine site 3 (resumes at 4d)
;;   358: call qword ptr [r15-8]  ; machine site 4 (resumes at 57)
;;   35c: call qword ptr [r15-8]  ; machine site 5 (resumes at 61)
;;   360: call qword ptr [r15-8]  ; machine site 6 (resumes at 6b)
;;   364: call qword ptr [r15-8]  ; machine site 7 (resumes at 75)
;;   368: call qword ptr [r15-8]  ; machine site 8 (resumes at 82)
;;   36c: call qword ptr [r15-8]  ; machine site 9 (resumes at 8f)
;;   370: call qword ptr [r15-8]  ; machine site 10 (resumes at 9c)
;;   374: call qword ptr [r15-8]  ; machine site 11 (resumes at a9)
;;   378: call qword ptr [r15-8]  ; machine site 12 (resumes at b6)
;;   37c: call qword ptr [r15-8]  ; machine site 13 (resumes at c3)
;;   380: call qword ptr [r15-8]  ; machine site 14 (resumes at d0)
;;   384: call qword ptr [r15-8]  ; machine site 15 (resumes at dd)
;;   388: call qword ptr [r15-8]  ; machine site 16 (resumes at ea)
;;   38c: call qword ptr [r15-8]  ; machine site 17 (resumes at f7)
;;   390: call qword ptr [r15-8]  ; machine site 18 (resumes at 104)
;;   394: call qword ptr [r15-8]  ; machine site 19 (resumes at 111)
;;   398: call qword ptr [r15-8]  ; machine site 20 (resumes at 11e)
;;   39c: call qword ptr [r15-8]  ; machine site 21 (resumes at 12b)
;;   3a0: call qword ptr [r15-8]  ; machine site 22 (resumes at 138)
;;   3a4: call qword ptr [r15-8]  ; machine site 23 (resumes at 145)
;;   3a8: call qword ptr [r15-8]  ; machine site 24 (resumes at 152)
;;   3ac: call qword ptr [r15-8]  ; machine site 25 (resumes at 15f)
;;   3b0: call qword ptr [r15-8]  ; machine site 26 (resumes at 16c)
;;   3b4: call qword ptr [r15-8]  ; machine site 27 (resumes at 179)
;;   3b8: call qword ptr [r15-8]  ; machine site 28 (resumes at 186)
;;   3bc: call qword ptr [r15-8]  ; machine site 29 (resumes at 193)
;;   3c0: call qword ptr [r15-8]  ; machine site 30 (resumes at 1a0)
;;   3c4: call qword ptr [r15-8]  ; machine site 31 (resumes at 1ad)
;;   3c8: call qword ptr [r15-8]  ; machine site 32 (resumes at 1b8)
;;   3cc: call qword ptr [r15-8]  ; machine site 33 (resumes at 1c3)
;;   3d0: call qword ptr [r15-8]  ; machine site 34 (resumes at 1ce)
;;   3d4: call qword ptr [r15-8]  ; machine site 35 (resumes at 1d9)
;;   3d8: call qword ptr [r15-8]  ; machine site 36 (resumes at 1e4)
;;   3dc: call qword ptr [r15-8]  ; machine site 37 (resumes at 1ef)
;;   3e0: call qword ptr [r15-8]  ; machine site 38 (resumes at 1fa)
;;   3e4: call qword ptr [r15-8]  ; machine site 39 (resumes at 205)
;;   3e8: call qword ptr [r15-8]  ; machine site 40 (resumes at 210)
;;   3ec: call qword ptr [r15-8]  ; machine site 41 (resumes at 21b)
;;   3f0: call qword ptr [r15-8]  ; machine site 42 (resumes at 226)
;;   3f4: call qword ptr [r15-8]  ; machine site 43 (resumes at 231)
;;   3f8: call qword ptr [r15-8]  ; machine site 44 (resumes at 23c)
;;   3fc: call qword ptr [r15-8]  ; machine site 45 (resumes at 247)
;;   400: call qword ptr [r15-8]  ; machine site 46 (resumes at 252)
;;   404: call qword ptr [r15-8]  ; machine site 47 (resumes at 25d)
;;   408: call qword ptr [r15-8]  ; machine site 48 (resumes at 268)
;;   40c: call qword ptr [r15-8]  ; machine site 49 (resumes at 273)
;;   410: call qword ptr [r15-8]  ; machine site 50 (resumes at 27e)
;;   414: call qword ptr [r15-8]  ; machine site 51 (resumes at 289)
;;   418: call qword ptr [r15-8]  ; machine site 52 (resumes at 294)
;;   41c: call qword ptr [r15-8]  ; machine site 53 (resumes at 29f)
;;   420: call qword ptr [r15-8]  ; machine site 54 (resumes at 2aa)
;;   424: call qword ptr [r15-8]  ; machine site 55 (resumes at 2b5)
;;   428: call qword ptr [r15-8]  ; machine site 56 (resumes at 2c0)
;;   42c: call qword ptr [r15-8]  ; machine site 57 (resumes at 2cb)
;;   430: call qword ptr [r15-8]  ; machine site 58 (resumes at 2d6)
;;   434: call qword ptr [r15-8]  ; machine site 59 (resumes at 2e1)
;;   438: call qword ptr [r15-8]  ; machine site 60 (resumes at 2ec)
;;   43c: call qword ptr [r15-8]  ; machine site 61 (resumes at 2f7)
;;   440: call qword ptr [r15-8]  ; machine site 62 (resumes at 302)
;;   444: call qword ptr [r15-8]  ; machine site 63 (resumes at 30d)
;;   448: call qword ptr [r15-8]  ; machine site 64 (resumes at 31f)
;;   44c: call qword ptr [r15-8]  ; machine site 65 (resumes at 331)
;;   450: call qword ptr [r15-8]  ; machine site 66 (resumes at 343)
;;   454: mov r11d, 9
;;   45a: call qword ptr [r14+0x20]  ; trap site: wasm 0x18
