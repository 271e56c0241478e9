#ifndef CSQLITETUNING_H
#define CSQLITETUNING_H

/// Turns on SQLite's query planner stability guarantee on a connection (sqlite3 *): the plan of a
/// prepared statement no longer depends on the values bound to it, so a kept statement is not
/// prepared again each time a value changes. Answers the setting as SQLite reports it (1 on), or
/// -1 when SQLite refused the call.
int concord_sqlite_stable_plans(void *db);

#endif
