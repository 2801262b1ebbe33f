package awsfake

import (
	"sort"

	"github.com/incloud/incloud/pkg/snapshot"
)

const ec2XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/"

// ec2Ops are the EC2 operations served, by Action. Handlers for more EC2 operations add
// themselves here in init.
var ec2Ops = map[string]handler{
	"DescribeRegions": describeRegions,
}

func init() {
	services["ec2"] = &protocol{
		route: func(s *Server, req *Request) (string, handler) {
			a := req.Params.Get("Action")
			return "ec2:" + a, ec2Ops[a]
		},
		errorResponse: func(s *Server, req *Request, e *APIError) *Response {
			return xmlResponse(e.Status, el("Response",
				el("Errors", el("Error", tx("Code", e.Code), tx("Message", e.Message))),
				tx("RequestID", s.NextRequestID()),
			))
		},
		throttle: APIError{Status: 503, Code: "RequestLimitExceeded"},
	}
}

// ec2Result renders an ec2Query response.
func (s *Server) ec2Result(action string, kids ...xmlNode) *Response {
	kids = append([]xmlNode{tx("requestId", s.NextRequestID())}, kids...)
	return xmlResponse(200, el(action+"Response", kids...).attr("xmlns", ec2XMLNS))
}

// regions returns the account's regions and their opt-in status: the snapshot's aws_region
// resources, or, when it has none, every region its resources are in (plus us-east-1).
func (s *Server) regions() map[string]string {
	out := map[string]string{}
	for _, r := range s.Resources("aws_region") {
		st := str(r, "opt_in_status")
		if st == "" {
			st = "opt-in-not-required"
		}
		out[str(r, "name")] = st
	}
	if len(out) > 0 {
		return out
	}
	out["us-east-1"] = "opt-in-not-required"
	for _, rs := range s.Snapshot().Resources {
		for _, r := range rs {
			if reg := r.Region(); reg != snapshot.GlobalRegion && reg != "" {
				out[reg] = "opt-in-not-required"
			}
		}
	}
	return out
}

func describeRegions(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", "global"); err != nil {
		return nil, err
	}
	all := req.Params.Get("AllRegions") == "true"
	regs := s.regions()
	names := make([]string, 0, len(regs))
	for n := range regs {
		names = append(names, n)
	}
	sort.Strings(names)
	var items []xmlNode
	for _, n := range names {
		if !all && regs[n] == "not-opted-in" {
			continue
		}
		items = append(items, el("item",
			tx("regionName", n), tx("regionEndpoint", "ec2."+n+".amazonaws.com"), tx("optInStatus", regs[n])))
	}
	return s.ec2Result("DescribeRegions", wrap("regionInfo", "item", items)), nil
}
