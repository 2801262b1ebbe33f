package awsfake

import (
	"github.com/incloud/incloud/pkg/snapshot"
)

// EC2 operations on regional resources (ec2Query): EBS encryption defaults, security groups,
// network ACLs, instances, VPCs and flow logs, route tables, EBS snapshots.
func init() {
	ec2Ops["GetEbsEncryptionByDefault"] = getEbsEncryptionByDefault
	ec2Ops["GetEbsDefaultKmsKeyId"] = getEbsDefaultKmsKeyID
	ec2Ops["DescribeSecurityGroups"] = describeSecurityGroups
	ec2Ops["DescribeNetworkAcls"] = describeNetworkAcls
	ec2Ops["DescribeInstances"] = describeInstances
	ec2Ops["DescribeVpcs"] = describeVpcs
	ec2Ops["DescribeFlowLogs"] = describeFlowLogs
	ec2Ops["DescribeRouteTables"] = describeRouteTables
	ec2Ops["DescribeSnapshots"] = describeSnapshots
	ec2Ops["DescribeSnapshotAttribute"] = describeSnapshotAttribute
}

// inRegion returns the snapshot's resources of typ in region, in snapshot order.
func (s *Server) inRegion(typ, region string) []snapshot.Resource {
	var out []snapshot.Resource
	for _, r := range s.Resources(typ) {
		if r.Region() == region {
			out = append(out, r)
		}
	}
	return out
}

// regionResource returns the aws_region resource of region (nil when the snapshot has none).
func (s *Server) regionResource(region string) snapshot.Resource {
	for _, r := range s.Resources("aws_region") {
		if str(r, "name") == region {
			return r
		}
	}
	return nil
}

// regionARN is the id of an aws_region resource.
func (s *Server) regionARN(region string) string {
	return "arn:aws:ec2:" + region + ":" + s.Account() + ":region/" + region
}

// ec2Page serves a page of items for an ec2Query list call: the list element named listName
// (items as <item>) and nextToken when more remain.
func (s *Server) ec2Page(req *Request, action, listName string, items []xmlNode) *Response {
	start, end, next := s.Page(len(items), req.Params.Get("NextToken"), req.Params.Get("MaxResults"))
	kids := []xmlNode{wrap(listName, "item", items[start:end])}
	if next != "" {
		kids = append(kids, tx("nextToken", next))
	}
	return s.ec2Result(action, kids...)
}

// ec2TagSet renders a resource's tags as an ec2Query tagSet.
func ec2TagSet(r map[string]any) xmlNode {
	var items []xmlNode
	for _, kv := range tags(r) {
		items = append(items, el("item", tx("key", kv[0]), tx("value", kv[1])))
	}
	return wrap("tagSet", "item", items)
}

// optNumber renders a number attribute, nothing when it is null.
func optNumber(name string, m map[string]any, k string) xmlNode {
	if isNull(m, k) {
		return none()
	}
	return tx(name, number(m, k))
}

func strings2items(vs []any, field string) []xmlNode {
	var out []xmlNode
	for _, v := range vs {
		s, _ := v.(string)
		out = append(out, el("item", tx(field, s)))
	}
	return out
}

func getEbsEncryptionByDefault(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, s.regionARN(req.Region), req.Region); err != nil {
		return nil, err
	}
	enabled := false
	if r := s.regionResource(req.Region); r != nil {
		enabled = boolean(r, "ebs_encryption_by_default")
	}
	return s.ec2Result("GetEbsEncryptionByDefault", tx("ebsEncryptionByDefault", enabled), tx("sseType", "sse-ebs")), nil
}

func getEbsDefaultKmsKeyID(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, s.regionARN(req.Region), req.Region); err != nil {
		return nil, err
	}
	var key *string
	if r := s.regionResource(req.Region); r != nil {
		key = strp(r, "ebs_default_kms_key_id")
	}
	return s.ec2Result("GetEbsDefaultKmsKeyId", opt("kmsKeyId", key)), nil
}

func describeSecurityGroups(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, g := range s.inRegion("aws_ec2_security_group", req.Region) {
		items = append(items, el("item",
			tx("ownerId", s.Account()),
			tx("groupName", str(g, "name")),
			tx("groupId", str(g, "group_id")),
			tx("groupDescription", str(g, "description")),
			tx("vpcId", str(g, "vpc_id")),
			tx("securityGroupArn", g.ID()),
			ipPermissionsXML("ipPermissions", list(g, "ingress_rules")),
			ipPermissionsXML("ipPermissionsEgress", list(g, "egress_rules")),
			ec2TagSet(g),
		))
	}
	return s.ec2Page(req, "DescribeSecurityGroups", "securityGroupInfo", items), nil
}

func ipPermissionsXML(name string, rules []any) xmlNode {
	var items []xmlNode
	for _, x := range rules {
		rule, _ := x.(map[string]any)
		var groups []xmlNode
		for _, g := range list(rule, "source_group_ids") {
			id, _ := g.(string)
			groups = append(groups, el("item", tx("groupId", id)))
		}
		items = append(items, el("item",
			tx("ipProtocol", str(rule, "ip_protocol")),
			optNumber("fromPort", rule, "from_port"),
			optNumber("toPort", rule, "to_port"),
			wrap("groups", "item", groups),
			wrap("ipRanges", "item", strings2items(list(rule, "ipv4_ranges"), "cidrIp")),
			wrap("ipv6Ranges", "item", strings2items(list(rule, "ipv6_ranges"), "cidrIpv6")),
			wrap("prefixListIds", "item", strings2items(list(rule, "prefix_list_ids"), "prefixListId")),
		))
	}
	return wrap(name, "item", items)
}

func describeNetworkAcls(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, a := range s.inRegion("aws_ec2_network_acl", req.Region) {
		var entries []xmlNode
		for _, x := range list(a, "entries") {
			e, _ := x.(map[string]any)
			port := none()
			if !isNull(e, "from_port") || !isNull(e, "to_port") {
				port = el("portRange", optNumber("from", e, "from_port"), optNumber("to", e, "to_port"))
			}
			entries = append(entries, el("item",
				tx("ruleNumber", number(e, "rule_number")),
				tx("protocol", str(e, "protocol")),
				tx("ruleAction", str(e, "rule_action")),
				tx("egress", boolean(e, "egress")),
				opt("cidrBlock", strp(e, "cidr_block")),
				opt("ipv6CidrBlock", strp(e, "ipv6_cidr_block")),
				port,
			))
		}
		items = append(items, el("item",
			tx("networkAclId", str(a, "network_acl_id")),
			tx("vpcId", str(a, "vpc_id")),
			tx("default", boolean(a, "is_default")),
			wrap("entrySet", "item", entries),
			el("associationSet"),
			ec2TagSet(a),
			tx("ownerId", s.Account()),
		))
	}
	return s.ec2Page(req, "DescribeNetworkAcls", "networkAclSet", items), nil
}

// instanceStateCodes are the EC2 instance state codes by name.
var instanceStateCodes = map[string]int{
	"pending": 0, "running": 16, "shutting-down": 32, "terminated": 48, "stopping": 64, "stopped": 80,
}

func describeInstances(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	// One reservation per instance, as when each was launched on its own.
	var items []xmlNode
	for _, in := range s.inRegion("aws_ec2_instance", req.Region) {
		id := str(in, "instance_id")
		state := str(in, "state")
		profile := none()
		if arn := strp(in, "iam_instance_profile_arn"); arn != nil {
			profile = el("iamInstanceProfile", tx("arn", *arn), tx("id", fakeID("AIPA", *arn)))
		}
		md := object(in, "metadata_options")
		items = append(items, el("item",
			tx("reservationId", "r-"+id[min(2, len(id)):]),
			tx("ownerId", s.Account()),
			el("groupSet"),
			el("instancesSet", el("item",
				tx("instanceId", id),
				tx("imageId", str(in, "image_id")),
				el("instanceState", tx("code", instanceStateCodes[state]), tx("name", state)),
				tx("instanceType", "t3.micro"),
				opt("vpcId", strp(in, "vpc_id")),
				opt("ipAddress", strp(in, "public_ip_address")),
				profile,
				el("metadataOptions",
					tx("state", "applied"),
					tx("httpTokens", str(md, "http_tokens")),
					tx("httpPutResponseHopLimit", number(md, "http_put_response_hop_limit")),
					tx("httpEndpoint", str(md, "http_endpoint")),
				),
				ec2TagSet(in),
			)),
		))
	}
	return s.ec2Page(req, "DescribeInstances", "reservationSet", items), nil
}

func describeVpcs(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, v := range s.inRegion("aws_ec2_vpc", req.Region) {
		items = append(items, el("item",
			tx("vpcId", str(v, "vpc_id")),
			tx("ownerId", s.Account()),
			tx("state", "available"),
			tx("cidrBlock", str(v, "cidr_block")),
			tx("instanceTenancy", "default"),
			tx("isDefault", boolean(v, "is_default")),
			ec2TagSet(v),
		))
	}
	return s.ec2Page(req, "DescribeVpcs", "vpcSet", items), nil
}

func describeFlowLogs(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, v := range s.inRegion("aws_ec2_vpc", req.Region) {
		for _, x := range list(v, "flow_logs") {
			f, _ := x.(map[string]any)
			items = append(items, el("item",
				tx("flowLogId", str(f, "flow_log_id")),
				tx("flowLogStatus", str(f, "status")),
				tx("deliverLogsStatus", "SUCCESS"),
				tx("resourceId", str(v, "vpc_id")),
				tx("trafficType", str(f, "traffic_type")),
				tx("logDestinationType", str(f, "log_destination_type")),
			))
		}
	}
	return s.ec2Page(req, "DescribeFlowLogs", "flowLogSet", items), nil
}

func describeRouteTables(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, t := range s.inRegion("aws_ec2_route_table", req.Region) {
		var routes []xmlNode
		for _, x := range list(t, "routes") {
			rt, _ := x.(map[string]any)
			routes = append(routes, el("item",
				opt("destinationCidrBlock", strp(rt, "destination_cidr_block")),
				opt("destinationIpv6CidrBlock", strp(rt, "destination_ipv6_cidr_block")),
				opt("gatewayId", strp(rt, "gateway_id")),
				opt("vpcPeeringConnectionId", strp(rt, "vpc_peering_connection_id")),
				tx("state", str(rt, "state")),
			))
		}
		items = append(items, el("item",
			tx("routeTableId", str(t, "route_table_id")),
			tx("vpcId", str(t, "vpc_id")),
			tx("ownerId", s.Account()),
			wrap("routeSet", "item", routes),
			el("associationSet"),
			ec2TagSet(t),
		))
	}
	return s.ec2Page(req, "DescribeRouteTables", "routeTableSet", items), nil
}

func describeSnapshots(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	// Every snapshot in the seed is the account's own, so Owner filters change nothing.
	var items []xmlNode
	for _, sn := range s.inRegion("aws_ec2_snapshot", req.Region) {
		items = append(items, el("item",
			tx("snapshotId", str(sn, "snapshot_id")),
			tx("volumeId", str(sn, "volume_id")),
			tx("status", "completed"),
			tx("ownerId", s.Account()),
			tx("encrypted", boolean(sn, "encrypted")),
			tx("volumeSize", 8),
			ec2TagSet(sn),
		))
	}
	return s.ec2Page(req, "DescribeSnapshots", "snapshotSet", items), nil
}

func describeSnapshotAttribute(s *Server, req *Request) (*Response, error) {
	id := req.Params.Get("SnapshotId")
	var snap snapshot.Resource
	for _, sn := range s.inRegion("aws_ec2_snapshot", req.Region) {
		if str(sn, "snapshot_id") == id {
			snap = sn
		}
	}
	if snap == nil {
		return nil, &APIError{400, "InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist."}
	}
	if err := s.injected(req.Op, snap.ID(), req.Region); err != nil {
		return nil, err
	}
	if a := req.Params.Get("Attribute"); a != "createVolumePermission" {
		return nil, &APIError{400, "InvalidParameterValue", "awsfake: attribute " + a + " not served"}
	}
	var perms []xmlNode
	if boolean(snap, "public") {
		perms = append(perms, el("item", tx("group", "all")))
	}
	return s.ec2Result("DescribeSnapshotAttribute", tx("snapshotId", id), wrap("createVolumePermission", "item", perms)), nil
}
