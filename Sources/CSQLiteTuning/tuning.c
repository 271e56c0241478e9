#include "CSQLiteTuning.h"

// The SQLite that SQLiteNIO links (its symbols carry a prefix). sqlite3_db_config takes variable
// arguments, which Swift cannot call, hence this file. 1007 is SQLITE_DBCONFIG_ENABLE_QPSG.
extern int sqlite_nio_sqlite3_db_config(void *db, int op, ...);

int concord_sqlite_stable_plans(void *db) {
    int now = -1;
    if (sqlite_nio_sqlite3_db_config(db, 1007, 1, &now) != 0) return -1;
    return now;
}
