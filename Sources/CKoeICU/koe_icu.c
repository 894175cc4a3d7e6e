// CKoeICU — implementation over ICU's C API (ubrk, unorm2, ucnv). Every open has its close.
#include "koe_icu.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <unicode/utypes.h>

struct koe_breaker {
    UBreakIterator *iterator;
};

koe_breaker *koe_breaker_open(const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return NULL;
    }
    koe_breaker *breaker = malloc(sizeof(koe_breaker));
    if (breaker == NULL) {
        ubrk_close(iterator);
        *error = (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    *error = 0;
    return breaker;
}

void koe_breaker_close(koe_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t koe_breaker_segments(koe_breaker *breaker, const uint16_t *text, int32_t length,
                             int32_t min_status, int32_t *starts, int32_t *ends, int32_t *statuses,
                             int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    static const UChar empty[1] = {0};
    ubrk_setText(breaker->iterator, length > 0 ? (const UChar *)text : empty, length, &status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return -1;
    }
    int32_t count = 0;
    int32_t start = ubrk_first(breaker->iterator);
    for (int32_t end = ubrk_next(breaker->iterator); end != UBRK_DONE;
         start = end, end = ubrk_next(breaker->iterator)) {
        int32_t rule = ubrk_getRuleStatus(breaker->iterator);
        if (rule < min_status) continue;
        if (count < capacity) {
            starts[count] = start;
            ends[count] = end;
            statuses[count] = rule;
        }
        count++;
    }
    // Detach the iterator from the caller's buffer.
    ubrk_setText(breaker->iterator, empty, 0, &status);
    *error = 0;
    return count;
}

int32_t koe_nfkc_map(const uint16_t *src, int32_t length, uint16_t *dst, int32_t *map, int32_t capacity,
                     int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return -1;
    }
    const UChar *s = (const UChar *)src;
    int32_t out = 0;
    int32_t segment = 0;
    UChar scratch[64];
    while (segment < length) {
        // Fast path: the stretch from here that is already NFKC, cut back to the start of the segment that
        // holds its end, is copied as is (each of its segments would pass the check below on its own).
        status = U_ZERO_ERROR;
        int32_t yes = unorm2_spanQuickCheckYes(nfkc, s + segment, length - segment, &status);
        if (U_SUCCESS(status) && yes > 0) {
            int32_t stop = segment + yes;
            if (stop < length && U16_IS_TRAIL(s[stop]) && stop > segment && U16_IS_LEAD(s[stop - 1])) stop--;
            while (stop < length && stop > segment) {
                UChar32 c;
                int32_t probe = stop;
                U16_NEXT(s, probe, length, c);
                if (unorm2_hasBoundaryBefore(nfkc, c)) break;
                U16_BACK_1(s, segment, stop);
            }
            for (int32_t i = segment; i < stop; i++) {
                if (out < capacity) {
                    dst[out] = s[i];
                    map[out] = i;
                }
                out++;
            }
            segment = stop;
            if (segment >= length) break;
        }
        // A segment runs to the next position that has a normalization boundary before it.
        int32_t next = segment + 1;
        if (U16_IS_LEAD(s[segment]) && next < length && U16_IS_TRAIL(s[next])) next++;
        while (next < length) {
            UChar32 c;
            int32_t probe = next;
            U16_NEXT(s, probe, length, c);
            if (unorm2_hasBoundaryBefore(nfkc, c)) break;
            next = probe;
        }
        int32_t span = next - segment;
        // Fast path: a segment already in NFKC is copied as is.
        status = U_ZERO_ERROR;
        int32_t quick = unorm2_spanQuickCheckYes(nfkc, s + segment, span, &status);
        if (U_SUCCESS(status) && quick == span) {
            for (int32_t i = 0; i < span; i++) {
                if (out < capacity) {
                    dst[out] = s[segment + i];
                    map[out] = segment + i;
                }
                out++;
            }
        } else {
            status = U_ZERO_ERROR;
            UChar *buffer = scratch;
            int32_t produced = unorm2_normalize(nfkc, s + segment, span, scratch, 64, &status);
            if (status == U_BUFFER_OVERFLOW_ERROR) {
                buffer = malloc(sizeof(UChar) * (size_t)(produced + 1));
                if (buffer == NULL) {
                    *error = (int32_t)U_MEMORY_ALLOCATION_ERROR;
                    return -1;
                }
                status = U_ZERO_ERROR;
                produced = unorm2_normalize(nfkc, s + segment, span, buffer, produced + 1, &status);
            }
            if (U_FAILURE(status)) {
                if (buffer != scratch) free(buffer);
                *error = (int32_t)status;
                return -1;
            }
            for (int32_t i = 0; i < produced; i++) {
                if (out < capacity) {
                    dst[out] = buffer[i];
                    map[out] = segment;
                }
                out++;
            }
            if (buffer != scratch) free(buffer);
        }
        segment = next;
    }
    *error = 0;
    return out;
}

struct koe_converter {
    UConverter *source;
    UConverter *utf8;
    UChar pivot[1024];
    UChar *pivot_source;
    UChar *pivot_target;
};

koe_converter *koe_converter_open(const char *name, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *source = ucnv_open(name, &status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return NULL;
    }
    ucnv_setToUCallBack(source, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    UConverter *utf8 = ucnv_open("UTF-8", &status);
    if (U_FAILURE(status)) {
        ucnv_close(source);
        *error = (int32_t)status;
        return NULL;
    }
    koe_converter *converter = malloc(sizeof(koe_converter));
    if (converter == NULL) {
        ucnv_close(source);
        ucnv_close(utf8);
        *error = (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    converter->source = source;
    converter->utf8 = utf8;
    converter->pivot_source = converter->pivot;
    converter->pivot_target = converter->pivot;
    *error = 0;
    return converter;
}

void koe_converter_close(koe_converter *converter) {
    if (converter == NULL) return;
    ucnv_close(converter->source);
    ucnv_close(converter->utf8);
    free(converter);
}

void koe_converter_reset(koe_converter *converter) {
    ucnv_reset(converter->source);
    ucnv_reset(converter->utf8);
    converter->pivot_source = converter->pivot;
    converter->pivot_target = converter->pivot;
}

int32_t koe_converter_to_utf8(koe_converter *converter, const char *src, int32_t length, char *dst,
                              int32_t capacity, int32_t flush, int32_t *consumed, int32_t *produced,
                              int32_t *bad_length, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const char *source = src;
    char *target = dst;
    *bad_length = 0;
    ucnv_convertEx(converter->utf8, converter->source, &target, dst + capacity, &source, src + length,
                   converter->pivot, &converter->pivot_source, &converter->pivot_target,
                   converter->pivot + 1024, 0, flush ? 1 : 0, &status);
    *consumed = (int32_t)(source - src);
    *produced = (int32_t)(target - dst);
    *error = (int32_t)status;
    if (status == U_BUFFER_OVERFLOW_ERROR) return 1;
    if (status == U_ILLEGAL_CHAR_FOUND || status == U_INVALID_CHAR_FOUND || status == U_TRUNCATED_CHAR_FOUND) {
        char bad[32];
        int8_t bad_len = (int8_t)sizeof(bad);
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidChars(converter->source, bad, &bad_len, &ignored);
        *bad_length = U_SUCCESS(ignored) ? bad_len : 0;
        return status == U_TRUNCATED_CHAR_FOUND ? 3 : 2;
    }
    if (U_FAILURE(status)) return -1;
    *error = 0;
    return 0;
}

const char *koe_converter_name(koe_converter *converter) {
    UErrorCode status = U_ZERO_ERROR;
    const char *name = ucnv_getName(converter->source, &status);
    return U_SUCCESS(status) ? name : "?";
}

const char *koe_icu_error_name(int32_t error) { return u_errorName((UErrorCode)error); }

// MARK: Regular expressions

struct koe_regex {
    URegularExpression *re;
    /// The last start offset the current anchored search may try (read by `koe_regex_window`), and the offset
    /// ICU was about to try when the window stopped it.
    int64_t limit;
    int64_t stopped;
};

/// ICU's find progress callback: true (go on) while the next start offset lies in the current window.
static UBool U_CALLCONV koe_regex_window(const void *context, int64_t matchIndex) {
    koe_regex *regex = (koe_regex *)context;
    if (matchIndex <= regex->limit) return 1;
    regex->stopped = matchIndex;
    return 0;
}

static koe_regex *koe_regex_wrap(URegularExpression *re, UErrorCode status, int32_t *error) {
    if (U_FAILURE(status) || re == NULL) {
        if (re != NULL) uregex_close(re);
        *error = (int32_t)(U_FAILURE(status) ? status : U_MEMORY_ALLOCATION_ERROR);
        return NULL;
    }
    koe_regex *regex = malloc(sizeof *regex);
    if (regex == NULL) {
        uregex_close(re);
        *error = (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    regex->re = re;
    regex->limit = INT64_MAX;
    regex->stopped = -1;
    *error = 0;
    return regex;
}

koe_regex *koe_regex_open(const uint16_t *pattern, int32_t length, int32_t multiline, int32_t *error,
                          int32_t *error_offset) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    memset(&parse, 0, sizeof parse);
    URegularExpression *re =
        uregex_open((const UChar *)pattern, length, multiline ? UREGEX_MULTILINE : 0, &parse, &status);
    *error_offset = parse.offset;
    return koe_regex_wrap(re, status, error);
}

koe_regex *koe_regex_clone(const koe_regex *regex, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression *re = uregex_clone(regex->re, &status);
    return koe_regex_wrap(re, status, error);
}

void koe_regex_close(koe_regex *regex) {
    if (regex == NULL) return;
    uregex_close(regex->re);
    free(regex);
}

int32_t koe_regex_group_count(koe_regex *regex, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = uregex_groupCount(regex->re, &status);
    *error = (int32_t)status;
    return U_FAILURE(status) ? -1 : n;
}

/// Writes the groups of the current match as match number `count` when there is room.
static void koe_regex_record(URegularExpression *re, int32_t own, int32_t groups, int32_t *ranges, int32_t capacity,
                             int32_t count, UErrorCode *status) {
    if (count >= capacity) return;
    for (int32_t g = 0; g < groups; g++) {
        int32_t start = g <= own ? uregex_start(re, g, status) : -1;
        int32_t end = g <= own ? uregex_end(re, g, status) : -1;
        ranges[(count * groups + g) * 2] = start;
        ranges[(count * groups + g) * 2 + 1] = end;
    }
}

/// Forgets the text (the caller's buffer may go away after the call) and reports the outcome.
static int32_t koe_regex_done(URegularExpression *re, UErrorCode status, int32_t count, int32_t *error) {
    UErrorCode reset = U_ZERO_ERROR;
    static const UChar empty[1] = {0};
    uregex_setText(re, empty, 0, &reset);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return -1;
    }
    *error = 0;
    return count;
}

int32_t koe_regex_find_all(koe_regex *regex, const uint16_t *text, int32_t length, int32_t groups,
                           int32_t *ranges, int32_t capacity, int32_t *error) {
    return koe_regex_find_all_from(regex, text, length, groups, ranges, capacity, 0, NULL, 0, 0, error);
}

int32_t koe_regex_find_all_from(koe_regex *regex, const uint16_t *text, int32_t length, int32_t groups,
                                int32_t *ranges, int32_t capacity, int32_t first, const int32_t *anchors,
                                int32_t anchor_count, int32_t lead, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression *re = regex->re;
    int32_t own = uregex_groupCount(re, &status);
    uregex_setText(re, (const UChar *)text, length, &status);
    int32_t count = 0;
    if (anchors == NULL) {
        // No match starts before `first`: ICU's own scan from there (uregex_find resets the matcher, so
        // lookbehinds and ^ still see the whole text), then findNext as usual.
        UBool found = first <= 0 ? uregex_findNext(re, &status) : (first <= length ? uregex_find(re, first, &status) : 0);
        while (U_SUCCESS(status) && found) {
            koe_regex_record(re, own, groups, ranges, capacity, count, &status);
            count++;
            found = uregex_findNext(re, &status);
        }
        return koe_regex_done(re, status, count, error);
    }
    // Every match starts in a window [anchor - lead, anchor] of an anchor at or after `pos`: windows that touch
    // are joined, and ICU's own scan runs from the window's first offset while its next start offset is in the
    // window (the progress callback stops it there; ICU need not call it at every offset, and a scan it lets run
    // on still finds the leftmost match from `from`, so the result is that of one scan from `pos` either way). A
    // match found is the leftmost from `pos` on (the one findNext would find); the next search starts at its end.
    uregex_setFindProgressCallback(re, koe_regex_window, regex, &status);
    int32_t pos = first < 0 ? 0 : first;
    int32_t k = 0;
    while (U_SUCCESS(status) && pos <= length) {
        while (k < anchor_count && anchors[k] < pos) k++;
        if (k == anchor_count) break;
        int32_t from = anchors[k] - lead > pos ? anchors[k] - lead : pos;
        int32_t last = anchors[k];
        int32_t next = k + 1;
        while (next < anchor_count && anchors[next] - lead <= last + 1) last = anchors[next++];
        regex->limit = last;
        regex->stopped = -1;
        UBool found = uregex_find(re, from, &status);
        if (status == U_REGEX_STOPPED_BY_CALLER) {
            // No match starts in this window (nor before where ICU stopped): on to the next anchor's window.
            status = U_ZERO_ERROR;
            pos = regex->stopped > last ? (int32_t)regex->stopped : last + 1;
            k = next;
            continue;
        }
        if (!found || U_FAILURE(status)) break;
        koe_regex_record(re, own, groups, ranges, capacity, count, &status);
        count++;
        int32_t s = uregex_start(re, 0, &status);
        int32_t e = uregex_end(re, 0, &status);
        pos = e > s ? e : e + 1;
    }
    UErrorCode unset = U_ZERO_ERROR;
    uregex_setFindProgressCallback(re, NULL, NULL, &unset);
    return koe_regex_done(re, status, count, error);
}
