// koe_minhash — the inner loop of near-duplicate signatures (MinHash minima) in vector instructions where the CPU
// has them. Plain integer arithmetic, the same results on every path; nothing here touches ICU.
#ifndef KOE_MINHASH_H
#define KOE_MINHASH_H

#include <stddef.h>
#include <stdint.h>

/// For each hash function i < count: the least `xs[k] * a[i] + b[i]` (mod 2^64, unsigned) over the n shingles
/// `xs`, written to out[i] (UINT64_MAX when n is 0). Returns 1 when done with vector instructions, 0 when this CPU
/// has none that help (the caller then runs its own loop; nothing was written).
int koe_minhash_minima(const uint64_t *xs, size_t n, const uint64_t *a, const uint64_t *b, size_t count, uint64_t *out);

/// The vector level this CPU offers: 2 AVX-512 (F and DQ), 1 AVX2, 0 none usable.
int koe_minhash_level(void);

/// `koe_minhash_minima` at a given level (2 or 1); 0 (nothing written) when the CPU lacks it. For tests that
/// compare every path.
int koe_minhash_minima_at(int level, const uint64_t *xs, size_t n, const uint64_t *a, const uint64_t *b, size_t count,
                          uint64_t *out);

#endif
