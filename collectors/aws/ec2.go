package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/incloud/incloud/pkg/snapshot"
)

// EC2 operations (DescribeRegions is in regions.go). Permissions equal the operation names.
var (
	opEC2GetEbsEncryptionByDefault = register("EC2", "ec2", "GetEbsEncryptionByDefault", "")
	opEC2GetEbsDefaultKmsKeyId     = register("EC2", "ec2", "GetEbsDefaultKmsKeyId", "")
	opEC2DescribeSecurityGroups    = register("EC2", "ec2", "DescribeSecurityGroups", "")
	opEC2DescribeNetworkAcls       = register("EC2", "ec2", "DescribeNetworkAcls", "")
	opEC2DescribeInstances         = register("EC2", "ec2", "DescribeInstances", "")
	opEC2DescribeVpcs              = register("EC2", "ec2", "DescribeVpcs", "")
	opEC2DescribeFlowLogs          = register("EC2", "ec2", "DescribeFlowLogs", "")
	opEC2DescribeRouteTables       = register("EC2", "ec2", "DescribeRouteTables", "")
	opEC2DescribeSnapshots         = register("EC2", "ec2", "DescribeSnapshots", "")
	opEC2DescribeSnapshotAttribute = register("EC2", "ec2", "DescribeSnapshotAttribute", "")
)

func init() {
	registerService(service{name: "ec2", owns: []string{"aws_ec2_security_group", "aws_ec2_network_acl", "aws_ec2_instance", "aws_ec2_vpc",
		"aws_ec2_route_table", "aws_ec2_snapshot", "aws_region.ebs_encryption_by_default", "aws_region.ebs_default_kms_key_id"}, start: startEC2})
}

// startEC2 collects one region's EC2 configuration: the EBS encryption defaults (on the
// aws_region resource), security groups, network ACLs, instances, VPCs with their flow logs,
// route tables and the account's EBS snapshots.
func startEC2(r *run, u *unit) {
	reg := u.region
	cli := r.ec2Client(reg)
	regionTarget := func(attrs ...string) target {
		return target{typ: "aws_region", id: r.regionARN(reg), region: reg, attrs: attrs}
	}
	if res := r.region(reg); res != nil {
		// The default key only means something next to the encryption default: when the
		// first call fails, both attributes are unknown and the second call is not made.
		u.Go(func(ctx context.Context) {
			if !r.call(ctx, opEC2GetEbsEncryptionByDefault, regionTarget("ebs_encryption_by_default", "ebs_default_kms_key_id"), func(ctx context.Context) error {
				out, err := cli.GetEbsEncryptionByDefault(ctx, &ec2.GetEbsEncryptionByDefaultInput{})
				if err != nil {
					return err
				}
				r.set(res, "ebs_encryption_by_default", deref(out.EbsEncryptionByDefault))
				return nil
			}) {
				return
			}
			r.call(ctx, opEC2GetEbsDefaultKmsKeyId, regionTarget("ebs_default_kms_key_id"), func(ctx context.Context) error {
				out, err := cli.GetEbsDefaultKmsKeyId(ctx, &ec2.GetEbsDefaultKmsKeyIdInput{})
				if err != nil {
					return err
				}
				r.set(res, "ebs_default_kms_key_id", strOrNil(out.KmsKeyId))
				return nil
			})
		})
	}
	u.Go(func(ctx context.Context) { r.securityGroups(ctx, cli, reg) })
	u.Go(func(ctx context.Context) { r.networkACLs(ctx, cli, reg) })
	u.Go(func(ctx context.Context) { r.instances(ctx, cli, reg) })
	u.Go(func(ctx context.Context) { r.vpcs(ctx, u, cli, reg) })
	u.Go(func(ctx context.Context) { r.routeTables(ctx, cli, reg) })
	u.Go(func(ctx context.Context) { r.ebsSnapshots(ctx, u, cli, reg) })
}

// ec2Tags turns EC2 tags into a snapshot tags object.
func ec2Tags(tags []ec2types.Tag) map[string]string {
	out := map[string]string{}
	for _, t := range tags {
		out[deref(t.Key)] = deref(t.Value)
	}
	return out
}

// nameTag returns the Name tag, else fallback.
func nameTag(tags map[string]string, fallback string) string {
	if n, ok := tags["Name"]; ok && n != "" {
		return n
	}
	return fallback
}

// listTarget is the target of a failed list call: every resource of typ in region is unknown.
func listTarget(typ, region string) target {
	return target{typ: typ, region: region}
}

func (r *run) securityGroups(ctx context.Context, cli *ec2.Client, reg string) {
	const typ = "aws_ec2_security_group"
	var groups []snapshot.Resource
	if !r.call(ctx, opEC2DescribeSecurityGroups, listTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeSecurityGroupsPaginator(cli, &ec2.DescribeSecurityGroupsInput{}), func(out *ec2.DescribeSecurityGroupsOutput) {
			for _, g := range out.SecurityGroups {
				id, name := deref(g.GroupId), deref(g.GroupName)
				groups = append(groups, snapshot.Resource{
					"id": r.arn("ec2", reg, "security-group/"+id), "name": name, "region": reg, "tags": ec2Tags(g.Tags),
					"group_id": id, "vpc_id": deref(g.VpcId), "description": deref(g.Description),
					"is_default":    name == "default",
					"ingress_rules": ipPermissions(g.IpPermissions),
					"egress_rules":  ipPermissions(g.IpPermissionsEgress),
				})
			}
		})
	}) {
		return
	}
	for _, g := range groups {
		r.add(typ, g)
	}
}

// ipPermissions turns security group rules into snapshot rules.
func ipPermissions(perms []ec2types.IpPermission) []map[string]any {
	out := []map[string]any{}
	for _, p := range perms {
		proto := deref(p.IpProtocol)
		var from, to any
		if proto != "-1" {
			from, to = int32OrNil(p.FromPort), int32OrNil(p.ToPort)
		}
		v4, v6, pls, sgs := []string{}, []string{}, []string{}, []string{}
		for _, x := range p.IpRanges {
			v4 = append(v4, deref(x.CidrIp))
		}
		for _, x := range p.Ipv6Ranges {
			v6 = append(v6, deref(x.CidrIpv6))
		}
		for _, x := range p.PrefixListIds {
			pls = append(pls, deref(x.PrefixListId))
		}
		for _, x := range p.UserIdGroupPairs {
			sgs = append(sgs, deref(x.GroupId))
		}
		out = append(out, map[string]any{
			"ip_protocol": proto, "from_port": from, "to_port": to,
			"ipv4_ranges": v4, "ipv6_ranges": v6, "prefix_list_ids": pls, "source_group_ids": sgs,
		})
	}
	return out
}

func (r *run) networkACLs(ctx context.Context, cli *ec2.Client, reg string) {
	const typ = "aws_ec2_network_acl"
	var acls []snapshot.Resource
	if !r.call(ctx, opEC2DescribeNetworkAcls, listTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeNetworkAclsPaginator(cli, &ec2.DescribeNetworkAclsInput{}), func(out *ec2.DescribeNetworkAclsOutput) {
			for _, a := range out.NetworkAcls {
				id, tags := deref(a.NetworkAclId), ec2Tags(a.Tags)
				entries := []map[string]any{}
				for _, e := range a.Entries {
					var from, to any
					if e.PortRange != nil {
						from, to = int32OrNil(e.PortRange.From), int32OrNil(e.PortRange.To)
					}
					entries = append(entries, map[string]any{
						"rule_number": int64(deref(e.RuleNumber)), "protocol": deref(e.Protocol),
						"rule_action": string(e.RuleAction), "egress": deref(e.Egress),
						"cidr_block": strOrNil(e.CidrBlock), "ipv6_cidr_block": strOrNil(e.Ipv6CidrBlock),
						"from_port": from, "to_port": to,
					})
				}
				acls = append(acls, snapshot.Resource{
					"id": r.arn("ec2", reg, "network-acl/"+id), "name": nameTag(tags, id), "region": reg, "tags": tags,
					"network_acl_id": id, "vpc_id": deref(a.VpcId), "is_default": deref(a.IsDefault),
					"entries": entries,
				})
			}
		})
	}) {
		return
	}
	for _, a := range acls {
		r.add(typ, a)
	}
}

func (r *run) instances(ctx context.Context, cli *ec2.Client, reg string) {
	const typ = "aws_ec2_instance"
	var insts []snapshot.Resource
	if !r.call(ctx, opEC2DescribeInstances, listTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeInstancesPaginator(cli, &ec2.DescribeInstancesInput{}), func(out *ec2.DescribeInstancesOutput) {
			for _, rsv := range out.Reservations {
				for _, in := range rsv.Instances {
					var state string
					if in.State != nil {
						state = string(in.State.Name)
					}
					if state == string(ec2types.InstanceStateNameTerminated) {
						continue
					}
					id, tags := deref(in.InstanceId), ec2Tags(in.Tags)
					var profile any
					if in.IamInstanceProfile != nil {
						profile = strOrNil(in.IamInstanceProfile.Arn)
					}
					md := map[string]any{"http_tokens": "", "http_endpoint": "", "http_put_response_hop_limit": int64(0)}
					if m := in.MetadataOptions; m != nil {
						md = map[string]any{
							"http_tokens": string(m.HttpTokens), "http_endpoint": string(m.HttpEndpoint),
							"http_put_response_hop_limit": int64(deref(m.HttpPutResponseHopLimit)),
						}
					}
					insts = append(insts, snapshot.Resource{
						"id": r.arn("ec2", reg, "instance/"+id), "name": nameTag(tags, id), "region": reg, "tags": tags,
						"instance_id": id, "image_id": deref(in.ImageId), "state": state, "vpc_id": strOrNil(in.VpcId),
						"public_ip_address": strOrNil(in.PublicIpAddress), "iam_instance_profile_arn": profile,
						"metadata_options": md,
					})
				}
			}
		})
	}) {
		return
	}
	for _, in := range insts {
		r.add(typ, in)
	}
}

// vpcs lists the VPCs, then the region's flow logs, which it attaches to their VPCs.
func (r *run) vpcs(ctx context.Context, u *unit, cli *ec2.Client, reg string) {
	const typ = "aws_ec2_vpc"
	var vpcs []snapshot.Resource
	if !r.call(ctx, opEC2DescribeVpcs, listTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeVpcsPaginator(cli, &ec2.DescribeVpcsInput{}), func(out *ec2.DescribeVpcsOutput) {
			for _, v := range out.Vpcs {
				id, tags := deref(v.VpcId), ec2Tags(v.Tags)
				vpcs = append(vpcs, snapshot.Resource{
					"id": r.arn("ec2", reg, "vpc/"+id), "name": nameTag(tags, id), "region": reg, "tags": tags,
					"vpc_id": id, "cidr_block": deref(v.CidrBlock), "is_default": deref(v.IsDefault),
					"flow_logs": nil,
				})
			}
		})
	}) {
		return
	}
	for _, v := range vpcs {
		r.add(typ, v)
	}
	if len(vpcs) == 0 {
		return
	}
	u.Go(func(ctx context.Context) {
		byVPC := map[string][]map[string]any{}
		t := target{typ: typ, region: reg, attrs: []string{"flow_logs"}}
		if !r.call(ctx, opEC2DescribeFlowLogs, t, func(ctx context.Context) error {
			// Flow logs of subnets and network interfaces match no VPC and are left out.
			return eachPage(ctx, ec2.NewDescribeFlowLogsPaginator(cli, &ec2.DescribeFlowLogsInput{}), func(out *ec2.DescribeFlowLogsOutput) {
				for _, f := range out.FlowLogs {
					vpc := deref(f.ResourceId)
					byVPC[vpc] = append(byVPC[vpc], map[string]any{
						"flow_log_id": deref(f.FlowLogId), "status": deref(f.FlowLogStatus),
						"traffic_type": string(f.TrafficType), "log_destination_type": string(f.LogDestinationType),
					})
				}
			})
		}) {
			return
		}
		for _, v := range vpcs {
			logs := byVPC[v["vpc_id"].(string)]
			if logs == nil {
				logs = []map[string]any{}
			}
			r.set(v, "flow_logs", logs)
		}
	})
}

func (r *run) routeTables(ctx context.Context, cli *ec2.Client, reg string) {
	const typ = "aws_ec2_route_table"
	var tables []snapshot.Resource
	if !r.call(ctx, opEC2DescribeRouteTables, listTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeRouteTablesPaginator(cli, &ec2.DescribeRouteTablesInput{}), func(out *ec2.DescribeRouteTablesOutput) {
			for _, t := range out.RouteTables {
				id, tags := deref(t.RouteTableId), ec2Tags(t.Tags)
				routes := []map[string]any{}
				for _, rt := range t.Routes {
					routes = append(routes, map[string]any{
						"destination_cidr_block":      strOrNil(rt.DestinationCidrBlock),
						"destination_ipv6_cidr_block": strOrNil(rt.DestinationIpv6CidrBlock),
						"gateway_id":                  strOrNil(rt.GatewayId),
						"vpc_peering_connection_id":   strOrNil(rt.VpcPeeringConnectionId),
						"state":                       string(rt.State),
					})
				}
				tables = append(tables, snapshot.Resource{
					"id": r.arn("ec2", reg, "route-table/"+id), "name": nameTag(tags, id), "region": reg, "tags": tags,
					"route_table_id": id, "vpc_id": deref(t.VpcId), "routes": routes,
				})
			}
		})
	}) {
		return
	}
	for _, t := range tables {
		r.add(typ, t)
	}
}

// ebsSnapshots lists the EBS snapshots the account owns and reads each one's
// createVolumePermission to tell whether it is public.
func (r *run) ebsSnapshots(ctx context.Context, u *unit, cli *ec2.Client, reg string) {
	const typ = "aws_ec2_snapshot"
	var snaps []snapshot.Resource
	if !r.call(ctx, opEC2DescribeSnapshots, listTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeSnapshotsPaginator(cli, &ec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}}), func(out *ec2.DescribeSnapshotsOutput) {
			for _, s := range out.Snapshots {
				id, tags := deref(s.SnapshotId), ec2Tags(s.Tags)
				snaps = append(snaps, snapshot.Resource{
					"id":   "arn:" + r.partition + ":ec2:" + reg + "::snapshot/" + id,
					"name": nameTag(tags, id), "region": reg, "tags": tags,
					"snapshot_id": id, "volume_id": deref(s.VolumeId), "encrypted": deref(s.Encrypted),
					"public": nil,
				})
			}
		})
	}) {
		return
	}
	for _, s := range snaps {
		r.add(typ, s)
		u.Go(func(ctx context.Context) {
			id := s["snapshot_id"].(string)
			r.call(ctx, opEC2DescribeSnapshotAttribute, target{typ: typ, id: r.idOf(s), region: reg, attrs: []string{"public"}}, func(ctx context.Context) error {
				out, err := cli.DescribeSnapshotAttribute(ctx, &ec2.DescribeSnapshotAttributeInput{
					SnapshotId: aws.String(id), Attribute: ec2types.SnapshotAttributeNameCreateVolumePermission,
				})
				if err != nil {
					return err
				}
				public := false
				for _, p := range out.CreateVolumePermissions {
					public = public || p.Group == ec2types.PermissionGroupAll
				}
				r.set(s, "public", public)
				return nil
			})
		})
	}
}
