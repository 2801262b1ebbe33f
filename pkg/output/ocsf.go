package output

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/responsibility"
)

func init() { Register("ocsf", writeOCSF) }

// OCSF 1.x Detection Finding constants.
const (
	ocsfSchemaVersion = "1.3.0"
	ocsfClassUID      = 2004
	ocsfClassName     = "Detection Finding"
	ocsfCategoryUID   = 2
	ocsfCategoryName  = "Findings"
	ocsfActivityID    = 1 // Create
	ocsfActivityName  = "Create"
	ocsfTypeUID       = ocsfClassUID*100 + ocsfActivityID
	ocsfTypeName      = ocsfClassName + ": " + ocsfActivityName
	ocsfVendorName    = "incloud"

	// Finding status_id values.
	ocsfStatusNew        = 1
	ocsfStatusSuppressed = 3
	ocsfStatusOther      = 99

	// compliance.status_id values.
	ocsfComplianceUnknown = 0
	ocsfComplianceFail    = 3

	// finding_info.analytic.type_id of a rule.
	ocsfAnalyticRule = 1
)

type (
	ocsfEvent struct {
		ActivityID   int             `json:"activity_id"`
		ActivityName string          `json:"activity_name"`
		CategoryUID  int             `json:"category_uid"`
		CategoryName string          `json:"category_name"`
		ClassUID     int             `json:"class_uid"`
		ClassName    string          `json:"class_name"`
		TypeUID      int             `json:"type_uid"`
		TypeName     string          `json:"type_name"`
		Time         int64           `json:"time"`
		SeverityID   int             `json:"severity_id"`
		Severity     string          `json:"severity"`
		StatusID     int             `json:"status_id"`
		Status       string          `json:"status"`
		StatusDetail string          `json:"status_detail,omitempty"`
		Message      string          `json:"message"`
		Metadata     ocsfMetadata    `json:"metadata"`
		FindingInfo  ocsfFindingInfo `json:"finding_info"`
		Resources    []ocsfResource  `json:"resources"`
		Cloud        ocsfCloud       `json:"cloud"`
		Compliance   ocsfCompliance  `json:"compliance"`
		Remediation  ocsfRemediation `json:"remediation"`
		Unmapped     ocsfUnmapped    `json:"unmapped"`
	}
	ocsfMetadata struct {
		Version  string      `json:"version"`
		Product  ocsfProduct `json:"product"`
		UID      string      `json:"uid"`
		Profiles []string    `json:"profiles"`
	}
	ocsfProduct struct {
		Name       string `json:"name"`
		VendorName string `json:"vendor_name"`
		Version    string `json:"version"`
	}
	ocsfFindingInfo struct {
		UID      string       `json:"uid"`
		Title    string       `json:"title"`
		Desc     string       `json:"desc"`
		Types    []string     `json:"types"`
		Analytic ocsfAnalytic `json:"analytic"`
	}
	ocsfAnalytic struct {
		UID    string `json:"uid"`
		Name   string `json:"name"`
		TypeID int    `json:"type_id"`
		Type   string `json:"type"`
	}
	ocsfResource struct {
		UID            string `json:"uid"`
		Name           string `json:"name,omitempty"`
		Type           string `json:"type"`
		Region         string `json:"region,omitempty"`
		CloudPartition string `json:"cloud_partition,omitempty"`
	}
	ocsfCloud struct {
		Provider string      `json:"provider"`
		Account  ocsfAccount `json:"account"`
		Region   string      `json:"region,omitempty"`
	}
	ocsfAccount struct {
		UID string `json:"uid"`
	}
	ocsfCompliance struct {
		Control      string   `json:"control"`
		Standards    []string `json:"standards"`
		Requirements []string `json:"requirements"`
		StatusID     int      `json:"status_id"`
		Status       string   `json:"status"`
	}
	ocsfRemediation struct {
		Desc string `json:"desc"`
	}
	// ocsfUnmapped carries what OCSF has no attribute for: the shared-responsibility context.
	ocsfUnmapped struct {
		Area         string `json:"incloud_area"`
		ServiceModel string `json:"incloud_service_model"`
		Rationale    string `json:"incloud_rationale,omitempty"`
		WaiverOwner  string `json:"incloud_waiver_owner,omitempty"`
		WaiverExpiry string `json:"incloud_waiver_expires,omitempty"`
	}
)

// writeOCSF renders the report as a JSON array of OCSF 1.x Detection Finding events (class_uid
// 2004, activity Create), one event per line inside the array, in findings.Sort order.
//
// Which results become events:
//   - fail: status New (1), compliance status Fail.
//   - waived: status Suppressed (3), compliance status Fail (the configuration still fails; the
//     risk was accepted), the waiver in status_detail.
//   - error: status Other (99) with status_detail saying the check could not be evaluated and
//     why, compliance status Unknown: nothing was detected, but security data lakes should see
//     what was not checked.
//   - pass: left out. A Detection Finding reports something that was detected; a passing check
//     detected nothing, and no finding status means "compliant" (Resolved would claim an earlier
//     failure that may never have existed).
//
// metadata.uid and finding_info.uid are the result's fingerprint, stable across runs. time is
// the collection time of the result's target (the report's generation time when the target is
// unknown), in milliseconds since the epoch.
func writeOCSF(w io.Writer, r *findings.Report, _ Options) error {
	events := buildOCSF(r)
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	if err := writeInRuns(bw, len(events), func(b []byte, _, from, to int) ([]byte, error) {
		for i := from; i < to; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '\n')
			ev, err := json.Marshal(events[i])
			if err != nil {
				return nil, fmt.Errorf("encode ocsf event for %s: %w", events[i].Metadata.UID, err)
			}
			b = append(b, ev...)
		}
		return b, nil
	}); err != nil {
		return err
	}
	if len(events) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write ocsf: %w", err)
	}
	return nil
}

// buildOCSF turns the fail, waived and error results into events.
func buildOCSF(r *findings.Report) []ocsfEvent {
	results := make([]findings.Result, 0, len(r.Results))
	for _, res := range r.Results {
		if res.Status != findings.StatusPass {
			results = append(results, res)
		}
	}
	findings.Sort(results)
	checks := r.CheckIndex()
	collected := map[[2]string]time.Time{}
	for _, t := range r.Targets {
		collected[[2]string{t.Provider, t.Account}] = t.CollectedAt
	}
	version := r.Tool.Version
	if version == "" {
		version = "dev"
	}
	product := r.Tool.Name
	if product == "" {
		product = "incloud"
	}

	events := make([]ocsfEvent, 0, len(results))
	for _, res := range results {
		c, ok := checks[res.CheckID]
		if !ok {
			c = findings.Check{ID: res.CheckID, Title: res.Title, Remediation: res.Remediation}
		}
		at, ok := collected[[2]string{res.Provider, res.Account}]
		if !ok || at.IsZero() {
			at = r.GeneratedAt
		}
		sevID, sevName := ocsfSeverity(res.Severity)
		ev := ocsfEvent{
			ActivityID: ocsfActivityID, ActivityName: ocsfActivityName,
			CategoryUID: ocsfCategoryUID, CategoryName: ocsfCategoryName,
			ClassUID: ocsfClassUID, ClassName: ocsfClassName,
			TypeUID: ocsfTypeUID, TypeName: ocsfTypeName,
			Time:       at.UnixMilli(),
			SeverityID: sevID, Severity: sevName,
			Message: res.Message,
			Metadata: ocsfMetadata{
				Version:  ocsfSchemaVersion,
				Product:  ocsfProduct{Name: product, VendorName: ocsfVendorName, Version: version},
				UID:      res.Fingerprint,
				Profiles: []string{"cloud"},
			},
			FindingInfo: ocsfFindingInfo{
				UID:   res.Fingerprint,
				Title: res.Title,
				Desc:  ocsfFirstNonEmpty(c.Description, res.Title),
				Types: []string{"Cloud Configuration Check", responsibility.AreaName(res.Area)},
				Analytic: ocsfAnalytic{
					UID: res.CheckID, Name: ocsfFirstNonEmpty(c.Title, res.Title), TypeID: ocsfAnalyticRule, Type: "Rule",
				},
			},
			Resources: []ocsfResource{{
				UID:            ocsfFirstNonEmpty(res.ResourceID, res.ResourceType+" in "+res.Account+"/"+res.Region),
				Name:           res.ResourceName,
				Type:           res.ResourceType,
				Region:         res.Region,
				CloudPartition: ocsfPartition(res.Provider, res.ResourceID),
			}},
			Cloud: ocsfCloud{
				Provider: ocsfProvider(res.Provider),
				Account:  ocsfAccount{UID: res.Account},
				Region:   res.Region,
			},
			Compliance:  ocsfComplianceFor(res),
			Remediation: ocsfRemediation{Desc: ocsfFirstNonEmpty(res.Remediation, c.Remediation)},
			Unmapped:    ocsfUnmapped{Area: res.Area, ServiceModel: res.ServiceModel, Rationale: c.Rationale},
		}
		switch res.Status {
		case findings.StatusFail:
			ev.StatusID, ev.Status = ocsfStatusNew, "New"
		case findings.StatusWaived:
			ev.StatusID, ev.Status = ocsfStatusSuppressed, "Suppressed"
			ev.StatusDetail = "waived"
			if res.Waiver != nil {
				ev.StatusDetail = "waived: " + res.Waiver.Reason
				ev.Unmapped.WaiverOwner, ev.Unmapped.WaiverExpiry = res.Waiver.Owner, res.Waiver.Expires
			}
		default: // error
			ev.StatusID, ev.Status = ocsfStatusOther, "Other"
			ev.StatusDetail = "not evaluated: " + res.Message
		}
		events = append(events, ev)
	}
	return events
}

// ocsfSeverity maps a severity to OCSF's severity_id and its caption.
func ocsfSeverity(s findings.Severity) (int, string) {
	switch s {
	case findings.SeverityCritical:
		return 5, "Critical"
	case findings.SeverityHigh:
		return 4, "High"
	case findings.SeverityMedium:
		return 3, "Medium"
	case findings.SeverityLow:
		return 2, "Low"
	case findings.SeverityInfo:
		return 1, "Informational"
	}
	return 0, "Unknown"
}

// ocsfComplianceFor lists a result's framework standards and their controls ("standard:control").
func ocsfComplianceFor(res findings.Result) ocsfCompliance {
	c := ocsfCompliance{Control: res.CheckID, Standards: []string{}, Requirements: []string{}}
	keys := make([]string, 0, len(res.Frameworks))
	for k, ids := range res.Frameworks {
		if len(ids) > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		c.Standards = append(c.Standards, k)
		for _, id := range res.Frameworks[k] {
			c.Requirements = append(c.Requirements, k+":"+id)
		}
	}
	if res.Status == findings.StatusError {
		c.StatusID, c.Status = ocsfComplianceUnknown, "Unknown"
	} else {
		c.StatusID, c.Status = ocsfComplianceFail, "Fail"
	}
	return c
}

// ocsfProvider names a cloud provider the way OCSF examples do.
func ocsfProvider(p string) string {
	switch p {
	case "aws":
		return "AWS"
	case "gcp":
		return "GCP"
	case "azure":
		return "Azure"
	}
	return p
}

// ocsfPartition returns the AWS partition of an ARN (aws, aws-cn, aws-us-gov, ...), or "".
func ocsfPartition(provider, id string) string {
	if provider != "aws" || !strings.HasPrefix(id, "arn:") {
		return ""
	}
	parts := strings.SplitN(id, ":", 3)
	if len(parts) < 3 {
		return ""
	}
	return parts[1]
}

func ocsfFirstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
