// System zlib (Debian's zlib1g-dev) for koe's own bounded inflate of .xlsx/.docx entries.
#include <zlib.h>
