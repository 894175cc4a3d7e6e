// CKoeICU — a small C API over system ICU. This header deliberately includes no ICU header
// (only stdint types and opaque structs) so Swift modules that import Foundation can use it.
#ifndef KOE_ICU_H
#define KOE_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An ICU word-break iterator (UBRK_WORD). Owned by the caller: close with koe_breaker_close.
typedef struct koe_breaker koe_breaker;

/// Opens a word breaker for `locale` (e.g. "ja"). Returns NULL and sets *error (an ICU UErrorCode) on failure.
koe_breaker *koe_breaker_open(const char *locale, int32_t *error);
void koe_breaker_close(koe_breaker *breaker);

/// Splits `text` (UTF-16, `length` units) into word segments. Writes up to `capacity` segments as
/// (start, end, rule status) triples into the arrays and returns the total number of segments, which may
/// exceed `capacity` (call again with more room). Segments with status < `min_status` are skipped
/// (ICU: 0 = spaces/punctuation, 100 = numbers, 200 = letters, 300 = kana, 400 = ideographs).
/// Returns -1 and sets *error on failure.
int32_t koe_breaker_segments(koe_breaker *breaker, const uint16_t *text, int32_t length,
                             int32_t min_status, int32_t *starts, int32_t *ends, int32_t *statuses,
                             int32_t capacity, int32_t *error);

/// NFKC-normalizes `src` into `dst` (capacity `capacity`). For each output unit i, `map[i]` receives the
/// index in `src` of the start of the normalization segment that produced it, so offsets in the normalized
/// text map back to the verbatim text. Returns the output length (which may exceed `capacity`: call again),
/// or -1 with *error set.
int32_t koe_nfkc_map(const uint16_t *src, int32_t length, uint16_t *dst, int32_t *map, int32_t capacity,
                     int32_t *error);

/// A byte-to-UTF-8 converter (ICU ucnv) that stops at the first invalid or truncated sequence.
typedef struct koe_converter koe_converter;

/// Opens a converter by ICU name or alias ("windows-31j", "UTF-16LE", ...). NULL and *error on failure.
koe_converter *koe_converter_open(const char *name, int32_t *error);
void koe_converter_close(koe_converter *converter);
/// Forgets any partial state (call between unrelated inputs).
void koe_converter_reset(koe_converter *converter);

/// Converts `src` to UTF-8 into `dst`. `*consumed` receives how many bytes of `src` were read and
/// `*produced` how many bytes were written. Returns 0 when all input was converted (or, with `flush == 0`,
/// buffered as an incomplete trailing sequence), 1 when `dst` is full (call again with the rest),
/// 2 when an invalid byte sequence was found: it starts at src + *consumed - *bad_length, and
/// 3 when the input ends inside a sequence and `flush` is set. Other failures return -1 with *error.
int32_t koe_converter_to_utf8(koe_converter *converter, const char *src, int32_t length, char *dst,
                              int32_t capacity, int32_t flush, int32_t *consumed, int32_t *produced,
                              int32_t *bad_length, int32_t *error);

/// The canonical ICU name of the converter (static storage), for messages.
const char *koe_converter_name(koe_converter *converter);

/// A compiled ICU regular expression with its own matcher state (uregex). One object is used by one thread
/// at a time; `koe_regex_clone` gives another thread its own matcher over the same compiled pattern.
typedef struct koe_regex koe_regex;

/// Compiles `pattern` (UTF-16, `length` units) with ICU flags (`multiline`: ^ and $ match at line ends).
/// Returns NULL and sets *error (and *error_offset, the UTF-16 offset in the pattern) on failure.
koe_regex *koe_regex_open(const uint16_t *pattern, int32_t length, int32_t multiline, int32_t *error,
                          int32_t *error_offset);
/// A matcher of its own over the same compiled pattern. NULL and *error on failure.
koe_regex *koe_regex_clone(const koe_regex *regex, int32_t *error);
void koe_regex_close(koe_regex *regex);
/// The number of capture groups of the pattern.
int32_t koe_regex_group_count(koe_regex *regex, int32_t *error);

/// Every non-overlapping match of `regex` in `text` (UTF-16, `length` units), scanned as ICU's findNext does
/// (an empty match moves the scan on by one). For each match writes start and end (UTF-16 offsets) of each
/// of the groups `0 ... groups - 1`, -1 for a group that did not take part or that the pattern does not have, into `ranges` (2 × groups
/// values a match) while room remains (`capacity` matches). Returns the total number of matches, which may
/// exceed `capacity` (call again with more room), or -1 with *error set. The text must stay valid during the call.
int32_t koe_regex_find_all(koe_regex *regex, const uint16_t *text, int32_t length, int32_t groups,
                           int32_t *ranges, int32_t capacity, int32_t *error);

/// `koe_regex_find_all` for a pattern whose matches can only start at some places, with the same result: the scan
/// starts at offset `first`, for the caller knows no match starts before it; with `anchors` (ascending UTF-16
/// offsets, `anchor_count` of them) it tries only start offsets in the windows anchor - lead ... anchor of the anchors
/// at or after the scan position, for the caller knows every match starting at offset s holds an anchor starting in
/// s ... s + lead (and every match is non-empty). Without anchors (NULL) the scan goes on as ICU's findNext does.
int32_t koe_regex_find_all_from(koe_regex *regex, const uint16_t *text, int32_t length, int32_t groups,
                                int32_t *ranges, int32_t capacity, int32_t first, const int32_t *anchors,
                                int32_t anchor_count, int32_t lead, int32_t *error);

/// The text of an ICU error code.
const char *koe_icu_error_name(int32_t error);

#ifdef __cplusplus
}
#endif

// The same C target holds the MinHash kernel (no ICU in it); its header is part of this module.
#include "koe_minhash.h"

#endif
