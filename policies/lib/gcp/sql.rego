# Cloud SQL helpers: the engine of an instance and its database flags.
package incloud.lib.gcp.sql

# engine(i) is "mysql", "postgres" or "sqlserver".
engine(i) := "mysql" if startswith(i.database_version, "MYSQL")

else := "postgres" if startswith(i.database_version, "POSTGRES")

else := "sqlserver" if startswith(i.database_version, "SQLSERVER")

# flag(i, name) is the lower-case value of a database flag set on i; undefined when not set
# (the engine's default applies).
flag(i, name) := lower(f.value) if {
	some f in i.database_flags
	f.name == name
}

# is_set(i, name) is true when the flag is set on i.
is_set(i, name) if {
	some f in i.database_flags
	f.name == name
}

# flag_text(i, name) describes a flag's value for messages.
flag_text(i, name) := sprintf("%s is %s", [name, v]) if {
	v := flag(i, name)
} else := sprintf("%s is not set", [name])

# postgres_levels orders PostgreSQL message severities, most verbose first.
postgres_levels := ["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error", "log", "fatal", "panic"]

# level_rank(v) is the position of v in postgres_levels.
level_rank(v) := i if postgres_levels[i] == v
