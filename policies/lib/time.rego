# Time helpers. "Now" is always the snapshot's collected_at, never the wall clock, so that
# re-evaluating an old snapshot gives the same answer.
package incloud.lib.time

day_ns := ((24 * 60) * 60) * 1000000000

# now_ns is the snapshot's collection time in nanoseconds since the epoch.
now_ns := time.parse_rfc3339_ns(input.collected_at)

# days_since(ts) is the number of whole days between the RFC 3339 time ts and collected_at.
days_since(ts) := floor((now_ns - time.parse_rfc3339_ns(ts)) / day_ns)

# older_than(ts, days) is true when ts lies at least days days before collected_at.
older_than(ts, days) if days_since(ts) >= days

# before_now(ts) is true when ts lies before collected_at.
before_now(ts) if time.parse_rfc3339_ns(ts) < now_ns
