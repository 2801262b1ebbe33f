# Region helpers for the per-region AWS checks (resource type aws_region). A region the account
# has not opted in to (opt_in_status "not-opted-in") is not enabled for the account: nothing can
# be configured there and the collector records every setting as null. Such a region passes every
# per-region check with a result saying exactly that, never with a claim about a setting.
package incloud.lib.aws.regions

# enabled(r): region r is enabled for the account (opted in, or needing no opt-in). A null
# opt_in_status counts as enabled, so that its null settings are judged, not excused.
enabled(r) if r.opt_in_status != "not-opted-in"

# not_enabled_passes is a `pass` entry (see policies/README.md) for each region that is not enabled
# for the account: a per-region check adds them with `pass contains p if some p in regions.not_enabled_passes`.
not_enabled_passes contains {"resource_id": r.id, "message": not_enabled_message(r)} if {
	some r in input.resources.aws_region
	not enabled(r)
}

# not_enabled_message(r) is the result message for region r that is not enabled.
not_enabled_message(r) := sprintf("region %s is not enabled for the account", [r.name])

# unread(r, attr) is an `unknown` message for an enabled region r whose setting attr is null
# although no collection error names it: it was not read, so the check cannot decide.
unread(r, attr) := sprintf("region %s: %s is null, with no collection error recorded for it", [r.name, attr]) if {
	enabled(r)
	is_null(r[attr])
}
