package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/incloud/incloud/collectors/collection"
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
	services.Register(collection.Service[*run]{Name: "ec2", Owns: []string{"aws_ec2_security_group", "aws_ec2_network_acl", "aws_ec2_instance", "aws_ec2_vpc",
		"aws_ec2_route_table", "aws_ec2_snapshot", "aws_region.ebs_encryption_by_default", "aws_region.ebs_default_kms_key_id"}, New: newEC2})
}

// ec2Service collects one region's EC2 configuration: the EBS encryption defaults (on the
// aws_region resource), security groups, network ACLs, instances, VPCs with their flow logs,
// route tables and the account's EBS snapshots.
type ec2Service struct {
	r      *run
	region string
	cli    *ec2.Client
}

func newEC2(r *run, u *collection.Unit) collection.Starter {
	return &ec2Service{r: r, region: u.Region, cli: newClient(r, u.Region, ec2.NewFromConfig)}
}

func (s *ec2Service) Start(u *collection.Unit) {
	if res := s.r.region(s.region); res != nil {
		u.Go(func(ctx context.Context) { s.ebsDefaults(ctx, res) })
	}
	u.Go(s.securityGroups)
	u.Go(s.networkACLs)
	u.Go(s.instances)
	u.Go(func(ctx context.Context) { s.vpcs(ctx, u) })
	u.Go(s.routeTables)
	u.Go(func(ctx context.Context) { s.ebsSnapshots(ctx, u) })
}

// ebsDefaults reads the region's EBS encryption default and default key into its aws_region
// resource. The default key only means something next to the encryption default: when the
// first call fails, both attributes are unknown and the second call is not made.
func (s *ec2Service) ebsDefaults(ctx context.Context, res snapshot.Resource) {
	r, cli := s.r, s.cli
	if !r.Call(ctx, opEC2GetEbsEncryptionByDefault, r.regionTarget(s.region, "ebs_encryption_by_default", "ebs_default_kms_key_id"), func(ctx context.Context) error {
		out, err := cli.GetEbsEncryptionByDefault(ctx, &ec2.GetEbsEncryptionByDefaultInput{})
		if err != nil {
			return err
		}
		r.Set(res, "ebs_encryption_by_default", deref(out.EbsEncryptionByDefault))
		return nil
	}) {
		return
	}
	r.Call(ctx, opEC2GetEbsDefaultKmsKeyId, r.regionTarget(s.region, "ebs_default_kms_key_id"), func(ctx context.Context) error {
		out, err := cli.GetEbsDefaultKmsKeyId(ctx, &ec2.GetEbsDefaultKmsKeyIdInput{})
		if err != nil {
			return err
		}
		r.Set(res, "ebs_default_kms_key_id", strOrNil(out.KmsKeyId))
		return nil
	})
}

func ec2Tag(t ec2types.Tag) (*string, *string) { return t.Key, t.Value }

func (s *ec2Service) securityGroups(ctx context.Context) {
	r, cli, reg := s.r, s.cli, s.region
	const typ = "aws_ec2_security_group"
	var groups []snapshot.Resource
	if !r.Call(ctx, opEC2DescribeSecurityGroups, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeSecurityGroupsPaginator(cli, &ec2.DescribeSecurityGroupsInput{}), func(out *ec2.DescribeSecurityGroupsOutput) {
			for _, g := range out.SecurityGroups {
				id, name := deref(g.GroupId), deref(g.GroupName)
				groups = append(groups, snapshot.Resource{
					"id": r.arn("ec2", reg, "security-group/"+id), "name": name, "region": reg, "tags": tagMap(g.Tags, ec2Tag),
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
	r.Add(typ, groups...)
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

func (s *ec2Service) networkACLs(ctx context.Context) {
	r, cli, reg := s.r, s.cli, s.region
	const typ = "aws_ec2_network_acl"
	var acls []snapshot.Resource
	if !r.Call(ctx, opEC2DescribeNetworkAcls, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeNetworkAclsPaginator(cli, &ec2.DescribeNetworkAclsInput{}), func(out *ec2.DescribeNetworkAclsOutput) {
			for _, a := range out.NetworkAcls {
				id, tags := deref(a.NetworkAclId), tagMap(a.Tags, ec2Tag)
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
	r.Add(typ, acls...)
}

func (s *ec2Service) instances(ctx context.Context) {
	r, cli, reg := s.r, s.cli, s.region
	const typ = "aws_ec2_instance"
	var insts []snapshot.Resource
	if !r.Call(ctx, opEC2DescribeInstances, collection.ListTarget(typ, reg), func(ctx context.Context) error {
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
					id, tags := deref(in.InstanceId), tagMap(in.Tags, ec2Tag)
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
	r.Add(typ, insts...)
}

// vpcs lists the VPCs, then the region's flow logs, which it attaches to their VPCs.
func (s *ec2Service) vpcs(ctx context.Context, u *collection.Unit) {
	r, cli, reg := s.r, s.cli, s.region
	const typ = "aws_ec2_vpc"
	var vpcs []snapshot.Resource
	if !r.Call(ctx, opEC2DescribeVpcs, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeVpcsPaginator(cli, &ec2.DescribeVpcsInput{}), func(out *ec2.DescribeVpcsOutput) {
			for _, v := range out.Vpcs {
				id, tags := deref(v.VpcId), tagMap(v.Tags, ec2Tag)
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
	r.Add(typ, vpcs...)
	if len(vpcs) == 0 {
		return
	}
	u.Go(func(ctx context.Context) {
		byVPC := map[string][]map[string]any{}
		t := collection.Target{Type: typ, Region: reg, Attrs: []string{"flow_logs"}}
		if !r.Call(ctx, opEC2DescribeFlowLogs, t, func(ctx context.Context) error {
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
			r.Set(v, "flow_logs", logs)
		}
	})
}

func (s *ec2Service) routeTables(ctx context.Context) {
	r, cli, reg := s.r, s.cli, s.region
	const typ = "aws_ec2_route_table"
	var tables []snapshot.Resource
	if !r.Call(ctx, opEC2DescribeRouteTables, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeRouteTablesPaginator(cli, &ec2.DescribeRouteTablesInput{}), func(out *ec2.DescribeRouteTablesOutput) {
			for _, t := range out.RouteTables {
				id, tags := deref(t.RouteTableId), tagMap(t.Tags, ec2Tag)
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
	r.Add(typ, tables...)
}

// ebsSnapshots lists the EBS snapshots the account owns and reads each one's
// createVolumePermission to tell whether it is public.
func (s *ec2Service) ebsSnapshots(ctx context.Context, u *collection.Unit) {
	r, cli, reg := s.r, s.cli, s.region
	const typ = "aws_ec2_snapshot"
	var snaps []snapshot.Resource
	if !r.Call(ctx, opEC2DescribeSnapshots, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, ec2.NewDescribeSnapshotsPaginator(cli, &ec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}}), func(out *ec2.DescribeSnapshotsOutput) {
			for _, sn := range out.Snapshots {
				id, tags := deref(sn.SnapshotId), tagMap(sn.Tags, ec2Tag)
				snaps = append(snaps, snapshot.Resource{
					"id":   "arn:" + r.partition + ":ec2:" + reg + "::snapshot/" + id,
					"name": nameTag(tags, id), "region": reg, "tags": tags,
					"snapshot_id": id, "volume_id": deref(sn.VolumeId), "encrypted": deref(sn.Encrypted),
					"public": nil,
				})
			}
		})
	}) {
		return
	}
	for _, sn := range snaps {
		r.Add(typ, sn)
		u.Go(func(ctx context.Context) {
			id := sn["snapshot_id"].(string)
			r.Call(ctx, opEC2DescribeSnapshotAttribute, collection.Target{Type: typ, ID: r.ID(sn), Region: reg, Attrs: []string{"public"}}, func(ctx context.Context) error {
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
				r.Set(sn, "public", public)
				return nil
			})
		})
	}
}
