# Compute Engine helpers: GKE nodes, default service accounts, metadata flags and firewall ports.
package incloud.lib.gcp.compute

# gke_node(i) is true for instances that GKE created and manages (label goog-gke-node). CIS
# leaves them out of the checks whose settings GKE itself needs (service account, project SSH
# keys, IP forwarding, external IPs).
gke_node(i) if "goog-gke-node" in object.keys(i.tags)

# default_service_account(email) is true for the Compute Engine default service account.
default_service_account(email) if endswith(email, "-compute@developer.gserviceaccount.com")

# flag_true(metadata, key) is true when the metadata flag is set to true (GCE accepts TRUE,
# true, 1, y, yes in any case).
flag_true(metadata, key) if lower(metadata[key]) in {"true", "1", "y", "yes"}

# flag_false(metadata, key) is true when the metadata flag is set to false.
flag_false(metadata, key) if lower(metadata[key]) in {"false", "0", "n", "no"}

# effective_true(instance_md, project_md, key): the instance's value wins when it sets the flag,
# else the project-wide value.
effective_true(instance_md, _, key) if flag_true(instance_md, key)

effective_true(instance_md, project_md, key) if {
	not instance_md[key]
	flag_true(project_md, key)
}

# open_to_world(rule) is true for an enabled ingress rule from 0.0.0.0/0 or ::/0.
open_to_world(rule) if {
	rule.direction == "INGRESS"
	not rule.disabled
	some r in rule.source_ranges
	r in {"0.0.0.0/0", "::/0"}
}

# allows_tcp_port(rule, port) is true when an allowed entry of rule covers TCP port.
allows_tcp_port(rule, port) if {
	some a in rule.allowed
	lower(a.ip_protocol) in {"tcp", "all", "6"}
	covers(a.ports, port)
}

covers(ports, _) if count(ports) == 0

covers(ports, port) if {
	some p in ports
	bounds := split(p, "-")
	to_number(bounds[0]) <= port
	port <= to_number(bounds[count(bounds) - 1])
}
