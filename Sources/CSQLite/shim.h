// System SQLite (Debian's libsqlite3-dev, with FTS5) for koe's workspace, koe.sqlite.
#include <sqlite3.h>

/// Turns off SQLite's process-wide memory statistics (a global mutex around every allocation). Call before the
/// first connection opens; later it returns SQLITE_MISUSE and changes nothing. (sqlite3_config is variadic,
/// so Swift cannot call it directly.)
static inline int koe_sqlite3_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
