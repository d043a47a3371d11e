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
;;     0: ldr x27, [x28, #0x8]
;;     4: ldr x26, [x27, #0x8]
;;     8: sub sp, sp, #0x20
;;     c: add x16, sp, #0x10
;;    10: stp x29, x30, [x16]
;;    14: mov x29, x16
;;    18: stur x28, [x29, #-0x8]
;;    1c: sub sp, x29, #0x10
;;    20: b 0x3c
;;    24: nop
;;    28: nop
;;    2c: nop
;;    30: nop
;;    34: nop
;;    38: nop
;;    3c: tbnz w26, #0x0, 0x184
;;    40: tbnz w26, #0x1, 0x188
;;    44: tbnz w26, #0x2, 0x18c
;;    48: tbnz w26, #0x3, 0x190
;;    4c: tbnz w26, #0x4, 0x194
;;    50: tbnz w26, #0x5, 0x198
;;    54: tbnz w26, #0x6, 0x19c
;;    58: tbnz w26, #0x8, 0x1a0
;;    5c: tbnz w26, #0x9, 0x1a4
;;    60: tbnz w26, #0xa, 0x1a8
;;    64: tbnz w26, #0xb, 0x1ac
;;    68: tbnz w26, #0xc, 0x1b0
;;    6c: tbnz w26, #0xd, 0x1b4
;;    70: tbnz w26, #0xe, 0x1b8
;;    74: tbnz w26, #0xf, 0x1bc
;;    78: tbnz w26, #0x10, 0x1c0
;;    7c: tbnz w26, #0x11, 0x1c4
;;    80: tbnz w26, #0x12, 0x1c8
;;    84: tbnz w26, #0x13, 0x1cc
;;    88: tbnz w26, #0x14, 0x1d0
;;    8c: tbnz w26, #0x15, 0x1d4
;;    90: tbnz w26, #0x16, 0x1d8
;;    94: tbnz w26, #0x17, 0x1dc
;;    98: tbnz w26, #0x18, 0x1e0
;;    9c: tbnz w26, #0x19, 0x1e4
;;    a0: tbnz w26, #0x1a, 0x1e8
;;    a4: tbnz w26, #0x1b, 0x1ec
;;    a8: tbnz w26, #0x1c, 0x1f0
;;    ac: tbnz w26, #0x1d, 0x1f4
;;    b0: tbnz w26, #0x1e, 0x1f8
;;    b4: tbnz w26, #0x1f, 0x1fc
;;    b8: tbnz x26, #0x20, 0x200
;;    bc: tbnz x26, #0x21, 0x204
;;    c0: tbnz x26, #0x22, 0x208
;;    c4: tbnz x26, #0x23, 0x20c
;;    c8: tbnz x26, #0x24, 0x210
;;    cc: tbnz x26, #0x25, 0x214
;;    d0: tbnz x26, #0x26, 0x218
;;    d4: tbnz x26, #0x27, 0x21c
;;    d8: tbnz x26, #0x28, 0x220
;;    dc: tbnz x26, #0x29, 0x224
;;    e0: tbnz x26, #0x2a, 0x228
;;    e4: tbnz x26, #0x2b, 0x22c
;;    e8: tbnz x26, #0x2c, 0x230
;;    ec: tbnz x26, #0x2d, 0x234
;;    f0: tbnz x26, #0x2e, 0x238
;;    f4: tbnz x26, #0x2f, 0x23c
;;    f8: tbnz x26, #0x30, 0x240
;;    fc: tbnz x26, #0x31, 0x244
;;   100: tbnz x26, #0x32, 0x248
;;   104: tbnz x26, #0x33, 0x24c
;;   108: tbnz x26, #0x34, 0x250
;;   10c: tbnz x26, #0x35, 0x254
;;   110: tbnz x26, #0x36, 0x258
;;   114: tbnz x26, #0x37, 0x25c
;;   118: tbnz x26, #0x38, 0x260
;;   11c: tbnz x26, #0x39, 0x264
;;   120: tbnz x26, #0x3a, 0x268
;;   124: tbnz x26, #0x3b, 0x26c
;;   128: tbnz x26, #0x3c, 0x270
;;   12c: tbnz x26, #0x3d, 0x274
;;   130: tbnz x26, #0x3e, 0x278
;;   134: tbnz x26, #0x3f, 0x27c
;;   138: ldr x16, [x27]
;;   13c: ldrb w16, [x16, #0x10]
;;   140: tbnz w16, #0x0, 0x280
;;   144: ldr x16, [x27]
;;   148: ldrb w16, [x16, #0x10]
;;   14c: tbnz w16, #0x1, 0x284
;;   150: ldr x16, [x27]
;;   154: ldrb w16, [x16, #0x10]
;;   158: tbnz w16, #0x2, 0x288
;;   15c: ldr x16, [x27]
;;   160: ldrb w16, [x16, #0x10]
;;   164: tbnz w16, #0x3, 0x28c
;;   168: add x16, x29, #0x10
;;   16c: ldp x29, x30, [x29]
;;   170: mov sp, x16
;;   174: ret
;;   178: mov w1, #0x9
;;   17c: ldr x16, [x28, #0x20]
;;   180: blr x16  ; trap site: wasm 0x18
;;   184: bl 0x290  ; machine site 0 (resumes at 40)
;;   188: bl 0x290  ; machine site 1 (resumes at 44)
;;   18c: bl 0x290  ; machine site 2 (resumes at 48)
;;   190: bl 0x290  ; machine site 3 (resumes at 4c)
;;   194: bl 0x290  ; machine site 4 (resumes at 50)
;;   198: bl 0x290  ; machine site 5 (resumes at 54)
;;   19c: bl 0x290  ; machine site 6 (resumes at 58)
;;   1a0: bl 0x290  ; machine site 7 (resumes at 5c)
;;   1a4: bl 0x290  ; machine site 8 (resumes at 60)
;;   1a8: bl 0x290  ; machine site 9 (resumes at 64)
;;   1ac: bl 0x290  ; machine site 10 (resumes at 68)
;;   1b0: bl 0x290  ; machine site 11 (resumes at 6c)
;;   1b4: bl 0x290  ; machine site 12 (resumes at 70)
;;   1b8: bl 0x290  ; machine site 13 (resumes at 74)
;;   1bc: bl 0x290  ; machine site 14 (resumes at 78)
;;   1c0: bl 0x290  ; machine site 15 (resumes at 7c)
;;   1c4: bl 0x290  ; machine site 16 (resumes at 80)
;;   1c8: bl 0x290  ; machine site 17 (resumes at 84)
;;   1cc: bl 0x290  ; machine site 18 (resumes at 88)
;;   1d0: bl 0x290  ; machine site 19 (resumes at 8c)
;;   1d4: bl 0x290  ; machine site 20 (resumes at 90)
;;   1d8: bl 0x290  ; machine site 21 (resumes at 94)
;;   1dc: bl 0x290  ; machine site 22 (resumes at 98)
;;   1e0: bl 0x290  ; machine site 23 (resumes at 9c)
;;   1e4: bl 0x290  ; machine site 24 (resumes at a0)
;;   1e8: bl 0x290  ; machine site 25 (resumes at a4)
;;   1ec: bl 0x290  ; machine site 26 (resumes at a8)
;;   1f0: bl 0x290  ; machine site 27 (resumes at ac)
;;   1f4: bl 0x290  ; machine site 28 (resumes at b0)
;;   1f8: bl 0x290  ; machine site 29 (resumes at b4)
;;   1fc: bl 0x290  ; machine site 30 (resumes at b8)
;;   200: bl 0x290  ; machine site 31 (resumes at bc)
;;   204: bl 0x290  ; machine site 32 (resumes at c0)
;;   208: bl 0x290  ; machine site 33 (resumes at c4)
;;   20c: bl 0x290  ; machine site 34 (resumes at c8)
;;   210: bl 0x290  ; machine site 35 (resumes at cc)
;;   214: bl 0x290  ; machine site 36 (resumes at d0)
;;   218: bl 0x290  ; machine site 37 (resumes at d4)
;;   21c: bl 0x290  ; machine site 38 (resumes at d8)
;;   220: bl 0x290  ; machine site 39 (resumes at dc)
;;   224: bl 0x290  ; machine site 40 (resumes at e0)
;;   228: bl 0x290  ; machine site 41 (resumes at e4)
;;   22c: bl 0x290  ; machine site 42 (resumes at e8)
;;   230: bl 0x290  ; machine site 43 (resumes at ec)
;;   234: bl 0x290  ; machine site 44 (resumes at f0)
;;   238: bl 0x290  ; machine site 45 (resumes at f4)
;;   23c: bl 0x290  ; machine site 46 (resumes at f8)
;;   240: bl 0x290  ; machine site 47 (resumes at fc)
;;   244: bl 0x290  ; machine site 48 (resumes at 100)
;;   248: bl 0x290  ; machine site 49 (resumes at 104)
;;   24c: bl 0x290  ; machine site 50 (resumes at 108)
;;   250: bl 0x290  ; machine site 51 (resumes at 10c)
;;   254: bl 0x290  ; machine site 52 (resumes at 110)
;;   258: bl 0x290  ; machine site 53 (resumes at 114)
;;   25c: bl 0x290  ; machine site 54 (resumes at 118)
;;   260: bl 0x290  ; machine site 55 (resumes at 11c)
;;   264: bl 0x290  ; machine site 56 (resumes at 120)
;;   268: bl 0x290  ; machine site 57 (resumes at 124)
;;   26c: bl 0x290  ; machine site 58 (resumes at 128)
;;   270: bl 0x290  ; machine site 59 (resumes at 12c)
;;   274: bl 0x290  ; machine site 60 (resumes at 130)
;;   278: bl 0x290  ; machine site 61 (resumes at 134)
;;   27c: bl 0x290  ; machine site 62 (resumes at 138)
;;   280: bl 0x290  ; machine site 63 (resumes at 144)
;;   284: bl 0x290  ; machine site 64 (resumes at 150)
;;   288: bl 0x290  ; machine site 65 (resumes at 15c)
;;   28c: bl 0x290  ; machine site 66 (resumes at 168)
;;   290: ldur x16, [x27, #-0x8]
;;   294: br x16
