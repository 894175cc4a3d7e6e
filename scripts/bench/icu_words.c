// icu_words — the reference for scripts/bench/tokenizer: ICU's dictionary word break (UBRK_WORD, locale "ja")
// over every line of a UTF-8 file, as a C program would run it. Prints the bytes, lines and words (segments with
// rule status >= 100, the ones koe keeps) and the CPU seconds of this thread spent converting each line to UTF-16
// and breaking it (reading the file is not timed).
// Build: cc -O2 -o icu_words icu_words.c $(pkg-config --cflags --libs icu-uc)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

static double thread_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: icu_words FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);
    text[size] = '\n';

    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *words = ubrk_open(UBRK_WORD, "ja", NULL, 0, &status);
    if (U_FAILURE(status)) {
        fprintf(stderr, "ubrk_open: %s\n", u_errorName(status));
        return 1;
    }
    int32_t capacity = 1 << 16;
    UChar *units = malloc(sizeof(UChar) * (size_t)capacity);
    long lines = 0, count = 0;
    double start = thread_seconds();
    for (long i = 0; i < size;) {
        long end = i;
        while (end < size && text[end] != '\n') end++;
        int32_t length = 0;
        status = U_ZERO_ERROR;
        u_strFromUTF8(units, capacity, &length, text + i, (int32_t)(end - i), &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            capacity = length * 2;
            units = realloc(units, sizeof(UChar) * (size_t)capacity);
            status = U_ZERO_ERROR;
            u_strFromUTF8(units, capacity, &length, text + i, (int32_t)(end - i), &status);
        }
        if (U_FAILURE(status)) {
            fprintf(stderr, "line %ld: %s\n", lines + 1, u_errorName(status));
            return 1;
        }
        ubrk_setText(words, units, length, &status);
        ubrk_first(words);
        while (ubrk_next(words) != UBRK_DONE) {
            if (ubrk_getRuleStatus(words) >= 100) count++;
        }
        lines++;
        i = end + 1;
    }
    double seconds = thread_seconds() - start;
    printf("bytes=%ld lines=%ld words=%ld cpu_seconds=%.6f\n", size, lines, count, seconds);
    ubrk_close(words);
    free(units);
    free(text);
    return 0;
}
