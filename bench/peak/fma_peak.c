/* The FMA peak of one core: 12 independent chains of float multiply-adds on the widest vectors the compiler
 * targets (-march=native: 512-bit on AVX-512, 256-bit on AVX2), enough to cover the latency on two FMA pipes.
 * Prints the vector width and the best GFLOPS of several timed runs (2 flops per lane per FMA). */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

#if defined(__AVX512F__)
typedef __m512 vec;
#define WIDTH 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define ADD _mm512_add_ps
#define REDUCE(v) _mm512_reduce_add_ps(v)
#else
typedef __m256 vec;
#define WIDTH 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define ADD _mm256_add_ps
static float REDUCE(__m256 v) { float t[8]; _mm256_storeu_ps(t, v); float s = 0; for (int i = 0; i < 8; i++) s += t[i]; return s; }
#endif

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

int main(void) {
    const long iterations = 200000000L;
    float sink = 0, best = 0;
    for (int run = 0; run < 5; run++) {
        vec a = SET1(0.999999f), b = SET1(1e-7f);
        vec c0 = SET1(0), c1 = SET1(1), c2 = SET1(2), c3 = SET1(3), c4 = SET1(4), c5 = SET1(5),
            c6 = SET1(6), c7 = SET1(7), c8 = SET1(8), c9 = SET1(9), c10 = SET1(10), c11 = SET1(11);
        double start = now();
        for (long i = 0; i < iterations; i++) {
            c0 = FMA(c0, a, b); c1 = FMA(c1, a, b); c2 = FMA(c2, a, b); c3 = FMA(c3, a, b);
            c4 = FMA(c4, a, b); c5 = FMA(c5, a, b); c6 = FMA(c6, a, b); c7 = FMA(c7, a, b);
            c8 = FMA(c8, a, b); c9 = FMA(c9, a, b); c10 = FMA(c10, a, b); c11 = FMA(c11, a, b);
            __asm__ volatile("" : "+v"(c0), "+v"(c1), "+v"(c2), "+v"(c3), "+v"(c4), "+v"(c5));
        }
        double seconds = now() - start;
        vec s = ADD(ADD(ADD(c0, c1), ADD(c2, c3)), ADD(ADD(c4, c5), ADD(c6, c7)));
        s = ADD(s, ADD(ADD(c8, c9), ADD(c10, c11)));
        sink += REDUCE(s);
        float gflops = (float) (iterations * 12.0 * WIDTH * 2 / seconds / 1e9);
        if (gflops > best) best = gflops;
    }
    printf("FMA peak of one core: %d-bit vectors, %.1f GFLOPS (best of 5 runs; checksum %g)\n", WIDTH * 32, best, sink);
    return 0;
}
