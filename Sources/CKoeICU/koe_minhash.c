// koe_minhash — MinHash minima (see koe_minhash.h) with AVX-512 (8 hash functions per instruction: 64-bit
// multiply, add and unsigned minimum exist as such) or AVX2 (4 per instruction, the 64-bit product made of three
// 32-bit ones, the unsigned minimum of a signed comparison on values offset by 2^63). Chosen once at run time.
#include "koe_minhash.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

/// The CPU's vector level usable here: 2 AVX-512 F+DQ, 1 AVX2, 0 neither (or the OS does not save their registers).
static int vector_level(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(ecx & (1u << 27)) || !(ecx & (1u << 28))) return 0;  // OSXSAVE, AVX
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    if ((lo & 0x6) != 0x6) return 0;  // XMM and YMM state
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    int avx2 = (ebx >> 5) & 1;
    int avx512 = ((ebx >> 16) & 1) && ((ebx >> 17) & 1) && (lo & 0xE0) == 0xE0;  // F, DQ; opmask and ZMM state
    return avx512 ? 2 : avx2 ? 1 : 0;
}

/// The minima of hash functions `from..<count`, one at a time (what the vector loops leave over).
static void minima_scalar(const uint64_t *xs, size_t n, const uint64_t *a, const uint64_t *b, size_t from, size_t count,
                          uint64_t *out) {
    for (size_t i = from; i < count; i++) {
        uint64_t low = UINT64_MAX;
        for (size_t k = 0; k < n; k++) {
            uint64_t v = xs[k] * a[i] + b[i];
            if (v < low) low = v;
        }
        out[i] = low;
    }
}

__attribute__((target("avx512f,avx512dq")))
static void minima_avx512(const uint64_t *xs, size_t n, const uint64_t *a, const uint64_t *b, size_t count, uint64_t *out) {
    size_t i = 0;
    // Four vectors (32 functions) per pass over the shingles.
    for (; i + 32 <= count; i += 32) {
        __m512i a0 = _mm512_loadu_si512(a + i), a1 = _mm512_loadu_si512(a + i + 8);
        __m512i a2 = _mm512_loadu_si512(a + i + 16), a3 = _mm512_loadu_si512(a + i + 24);
        __m512i b0 = _mm512_loadu_si512(b + i), b1 = _mm512_loadu_si512(b + i + 8);
        __m512i b2 = _mm512_loadu_si512(b + i + 16), b3 = _mm512_loadu_si512(b + i + 24);
        __m512i m0 = _mm512_set1_epi64(-1), m1 = m0, m2 = m0, m3 = m0;
        for (size_t k = 0; k < n; k++) {
            __m512i x = _mm512_set1_epi64((long long)xs[k]);
            m0 = _mm512_min_epu64(m0, _mm512_add_epi64(_mm512_mullo_epi64(x, a0), b0));
            m1 = _mm512_min_epu64(m1, _mm512_add_epi64(_mm512_mullo_epi64(x, a1), b1));
            m2 = _mm512_min_epu64(m2, _mm512_add_epi64(_mm512_mullo_epi64(x, a2), b2));
            m3 = _mm512_min_epu64(m3, _mm512_add_epi64(_mm512_mullo_epi64(x, a3), b3));
        }
        _mm512_storeu_si512(out + i, m0);
        _mm512_storeu_si512(out + i + 8, m1);
        _mm512_storeu_si512(out + i + 16, m2);
        _mm512_storeu_si512(out + i + 24, m3);
    }
    minima_scalar(xs, n, a, b, i, count, out);
}

/// One shingle's step for 4 functions: the lesser (offset, signed) of `m` and x·a + b, the product's low half from
/// three 32-bit products (`xh`: x's high half, `h`: a's).
__attribute__((target("avx2"), always_inline))
static inline __m256i min_step_avx2(__m256i m, __m256i x, __m256i xh, __m256i a, __m256i h, __m256i b) {
    __m256i c = _mm256_slli_epi64(_mm256_add_epi64(_mm256_mul_epu32(xh, a), _mm256_mul_epu32(x, h)), 32);
    __m256i v = _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epu32(x, a), c), b);
    return _mm256_blendv_epi8(m, v, _mm256_cmpgt_epi64(m, v));
}

__attribute__((target("avx2")))
static void minima_avx2(const uint64_t *xs, size_t n, const uint64_t *a, const uint64_t *b, size_t count, uint64_t *out) {
    const __m256i sign = _mm256_set1_epi64x((long long)0x8000000000000000ULL);
    size_t i = 0;
    // A 64-bit product's low half: lo(x)lo(a) + (hi(x)lo(a) + lo(x)hi(a)) << 32. Values are kept offset by 2^63
    // (added into b), so a signed comparison orders them as unsigned. Four vectors (16 functions) per pass over the
    // shingles share each shingle's broadcast and high half (the functions' constants are read as memory operands:
    // 41 instructions per shingle for 16 functions, where two passes of 8 took 44); then pairs, then one at a time.
    for (; i + 16 <= count; i += 16) {
        __m256i a0 = _mm256_loadu_si256((const __m256i *)(a + i)), a1 = _mm256_loadu_si256((const __m256i *)(a + i + 4));
        __m256i a2 = _mm256_loadu_si256((const __m256i *)(a + i + 8)), a3 = _mm256_loadu_si256((const __m256i *)(a + i + 12));
        __m256i h0 = _mm256_srli_epi64(a0, 32), h1 = _mm256_srli_epi64(a1, 32);
        __m256i h2 = _mm256_srli_epi64(a2, 32), h3 = _mm256_srli_epi64(a3, 32);
        __m256i b0 = _mm256_add_epi64(_mm256_loadu_si256((const __m256i *)(b + i)), sign);
        __m256i b1 = _mm256_add_epi64(_mm256_loadu_si256((const __m256i *)(b + i + 4)), sign);
        __m256i b2 = _mm256_add_epi64(_mm256_loadu_si256((const __m256i *)(b + i + 8)), sign);
        __m256i b3 = _mm256_add_epi64(_mm256_loadu_si256((const __m256i *)(b + i + 12)), sign);
        __m256i m0 = _mm256_set1_epi64x(0x7FFFFFFFFFFFFFFFLL), m1 = m0, m2 = m0, m3 = m0;
        for (size_t k = 0; k < n; k++) {
            __m256i x = _mm256_set1_epi64x((long long)xs[k]);
            __m256i xh = _mm256_srli_epi64(x, 32);
            m0 = min_step_avx2(m0, x, xh, a0, h0, b0);
            m1 = min_step_avx2(m1, x, xh, a1, h1, b1);
            m2 = min_step_avx2(m2, x, xh, a2, h2, b2);
            m3 = min_step_avx2(m3, x, xh, a3, h3, b3);
        }
        _mm256_storeu_si256((__m256i *)(out + i), _mm256_xor_si256(m0, sign));
        _mm256_storeu_si256((__m256i *)(out + i + 4), _mm256_xor_si256(m1, sign));
        _mm256_storeu_si256((__m256i *)(out + i + 8), _mm256_xor_si256(m2, sign));
        _mm256_storeu_si256((__m256i *)(out + i + 12), _mm256_xor_si256(m3, sign));
    }
    for (; i + 8 <= count; i += 8) {
        __m256i a0 = _mm256_loadu_si256((const __m256i *)(a + i)), a1 = _mm256_loadu_si256((const __m256i *)(a + i + 4));
        __m256i h0 = _mm256_srli_epi64(a0, 32), h1 = _mm256_srli_epi64(a1, 32);
        __m256i b0 = _mm256_add_epi64(_mm256_loadu_si256((const __m256i *)(b + i)), sign);
        __m256i b1 = _mm256_add_epi64(_mm256_loadu_si256((const __m256i *)(b + i + 4)), sign);
        __m256i m0 = _mm256_set1_epi64x(0x7FFFFFFFFFFFFFFFLL), m1 = m0;
        for (size_t k = 0; k < n; k++) {
            __m256i x = _mm256_set1_epi64x((long long)xs[k]);
            __m256i xh = _mm256_srli_epi64(x, 32);
            __m256i c0 = _mm256_slli_epi64(_mm256_add_epi64(_mm256_mul_epu32(xh, a0), _mm256_mul_epu32(x, h0)), 32);
            __m256i c1 = _mm256_slli_epi64(_mm256_add_epi64(_mm256_mul_epu32(xh, a1), _mm256_mul_epu32(x, h1)), 32);
            __m256i v0 = _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epu32(x, a0), c0), b0);
            __m256i v1 = _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epu32(x, a1), c1), b1);
            m0 = _mm256_blendv_epi8(m0, v0, _mm256_cmpgt_epi64(m0, v0));
            m1 = _mm256_blendv_epi8(m1, v1, _mm256_cmpgt_epi64(m1, v1));
        }
        _mm256_storeu_si256((__m256i *)(out + i), _mm256_xor_si256(m0, sign));
        _mm256_storeu_si256((__m256i *)(out + i + 4), _mm256_xor_si256(m1, sign));
    }
    minima_scalar(xs, n, a, b, i, count, out);
}

int koe_minhash_level(void) {
    static int level = -1;  // a benign race: every thread computes the same value
    int l = __atomic_load_n(&level, __ATOMIC_RELAXED);
    if (l < 0) {
        l = vector_level();
        __atomic_store_n(&level, l, __ATOMIC_RELAXED);
    }
    return l;
}

int koe_minhash_minima_at(int level, const uint64_t *xs, size_t n, const uint64_t *a, const uint64_t *b, size_t count,
                          uint64_t *out) {
    if (level > koe_minhash_level()) return 0;
    if (level == 2) {
        minima_avx512(xs, n, a, b, count, out);
        return 1;
    }
    if (level == 1) {
        minima_avx2(xs, n, a, b, count, out);
        return 1;
    }
    return 0;
}
#else
int koe_minhash_level(void) { return 0; }

int koe_minhash_minima_at(int level, const uint64_t *xs, size_t n, const uint64_t *a, const uint64_t *b, size_t count,
                          uint64_t *out) {
    (void)level; (void)xs; (void)n; (void)a; (void)b; (void)count; (void)out;
    return 0;
}
#endif

int koe_minhash_minima(const uint64_t *xs, size_t n, const uint64_t *a, const uint64_t *b, size_t count, uint64_t *out) {
    return koe_minhash_minima_at(koe_minhash_level(), xs, n, a, b, count, out);
}
