// System SQLite (Debian's libsqlite3-dev, with FTS5) for koe's workspace, koe.sqlite.
#include <sqlite3.h>
