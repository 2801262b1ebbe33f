package gcpfake

import (
	"net/http"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

func (s *Server) enabled(api string) bool {
	for _, x := range list(s.project()["enabled_services"]) {
		if x == api {
			return true
		}
	}
	return false
}

func (s *Server) iam() {
	const host = "iam.googleapis.com"
	s.handle(host, "GET", "/v1/projects/"+seg+"/serviceAccounts", "iam:serviceAccounts.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "iam:serviceAccounts.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, a := range s.Resources("gcp_iam_service_account") {
			items = append(items, map[string]any{"name": "projects/" + m[1] + "/serviceAccounts/" + str(a["email"]),
				"projectId": m[1], "email": a["email"], "uniqueId": a["unique_id"], "displayName": a["display_name"],
				"disabled": a["disabled"], "oauth2ClientId": a["unique_id"]})
		}
		s.page(w, req, "accounts", items, "pageSize")
	})
	s.handle(host, "GET", "/v1/projects/"+seg+"/serviceAccounts/"+seg+"/keys", "iam:serviceAccounts.keys.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		a := s.Find("gcp_iam_service_account", "email", m[2])
		if a == nil {
			writeError(w, http.StatusNotFound, map[string]any{"code": 404, "status": "NOT_FOUND", "message": "Unknown service account"})
			return
		}
		if s.injected(w, "iam:serviceAccounts.keys.list", a.ID(), snapshot.GlobalRegion) {
			return
		}
		keys := []any{}
		for _, k := range list(a["keys"]) {
			km := obj(k)
			keys = append(keys, map[string]any{"name": "projects/" + m[1] + "/serviceAccounts/" + m[2] + "/keys/" + str(km["key_id"]),
				"keyType": km["key_type"], "keyOrigin": km["key_origin"], "validAfterTime": km["valid_after_time"],
				"validBeforeTime": km["valid_before_time"], "disabled": km["disabled"], "keyAlgorithm": "KEY_ALG_RSA_2048"})
		}
		writeJSON(w, map[string]any{"keys": keys})
	})
}

func (s *Server) essentialContacts() {
	for _, kind := range []string{"projects", "folders", "organizations"} {
		op := "essentialcontacts:" + kind + ".contacts.list"
		s.handle("essentialcontacts.googleapis.com", "GET", "/v1/"+kind+"/"+seg+"/contacts", op, func(w http.ResponseWriter, req *http.Request, m []string) {
			parent := kind + "/" + m[1]
			if s.injected(w, op, s.project().ID(), snapshot.GlobalRegion) {
				return
			}
			items := []any{}
			for i, c := range list(s.project()["essential_contacts"]) {
				cm := obj(c)
				if cm["parent"] == parent {
					items = append(items, map[string]any{"name": parent + "/contacts/" + string(rune('1'+i)), "email": cm["email"],
						"notificationCategorySubscriptions": cm["notification_categories"], "languageTag": "en-US", "validationState": "VALID"})
				}
			}
			s.page(w, req, "contacts", items, "pageSize")
		})
	}
}

func (s *Server) accessApproval() {
	const op = "accessapproval:projects.getAccessApprovalSettings"
	s.handle("accessapproval.googleapis.com", "GET", "/v1/projects/"+seg+"/accessApprovalSettings", op, func(w http.ResponseWriter, req *http.Request, m []string) {
		p := s.project()
		if s.injected(w, op, p.ID(), snapshot.GlobalRegion) {
			return
		}
		if !s.enabled("accessapproval.googleapis.com") {
			s.serviceDisabled(w, "accessapproval.googleapis.com", "Access Approval API")
			return
		}
		st := obj(p["access_approval"])
		enrolled := []any{}
		for _, e := range list(st["enrolled_services"]) {
			em := obj(e)
			enrolled = append(enrolled, map[string]any{"cloudProduct": em["cloud_product"], "enrollmentLevel": em["enrollment_level"]})
		}
		writeJSON(w, map[string]any{"name": "projects/" + m[1] + "/accessApprovalSettings", "enrolledServices": enrolled,
			"notificationEmails": st["notification_emails"], "enrolledAncestor": false})
	})
}

// serviceDisabled answers 403 SERVICE_DISABLED for an API that is not enabled in the project.
func (s *Server) serviceDisabled(w http.ResponseWriter, api, title string) {
	msg := title + " has not been used in project " + s.number() + " before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/" +
		api + "/overview?project=" + s.number() + " then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry."
	writeError(w, http.StatusForbidden, map[string]any{"code": 403, "status": "PERMISSION_DENIED", "message": msg,
		"details": []any{map[string]any{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED",
			"domain": "googleapis.com", "metadata": map[string]any{"service": api, "consumer": "projects/" + s.number()}}}})
}

func (s *Server) apiKeys() {
	const op = "apikeys:keys.list"
	s.handle("apikeys.googleapis.com", "GET", "/v2/projects/"+seg+"/locations/global/keys", op, func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, op, "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, k := range s.Resources("gcp_apikeys_key") {
			r := obj(k["restrictions"])
			rs := map[string]any{}
			if l := list(r["browser_allowed_referrers"]); len(l) > 0 {
				rs["browserKeyRestrictions"] = map[string]any{"allowedReferrers": l}
			}
			if l := list(r["server_allowed_ips"]); len(l) > 0 {
				rs["serverKeyRestrictions"] = map[string]any{"allowedIps": l}
			}
			if l := list(r["android_apps"]); len(l) > 0 {
				apps := []any{}
				for _, a := range l {
					apps = append(apps, map[string]any{"packageName": a, "sha1Fingerprint": "DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09"})
				}
				rs["androidKeyRestrictions"] = map[string]any{"allowedApplications": apps}
			}
			if l := list(r["ios_bundle_ids"]); len(l) > 0 {
				rs["iosKeyRestrictions"] = map[string]any{"allowedBundleIds": l}
			}
			if l := list(r["api_targets"]); len(l) > 0 {
				targets := []any{}
				for _, t := range l {
					tm := obj(t)
					target := map[string]any{"service": tm["service"]}
					if len(list(tm["methods"])) > 0 {
						target["methods"] = tm["methods"]
					}
					targets = append(targets, target)
				}
				rs["apiTargets"] = targets
			}
			key := map[string]any{"name": strings.TrimPrefix(k.ID(), "//apikeys.googleapis.com/"), "uid": k["uid"],
				"displayName": k["name"], "createTime": k["create_time"], "updateTime": k["create_time"], "etag": "W/\"fake\""}
			if len(rs) > 0 {
				key["restrictions"] = rs
			}
			items = append(items, key)
		}
		s.page(w, req, "keys", items, "pageSize")
	})
}

func (s *Server) logging() {
	const host = "logging.googleapis.com"
	s.handle(host, "GET", "/v2/projects/"+seg+"/sinks", "logging:sinks.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "logging:sinks.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, k := range s.Resources("gcp_logging_sink") {
			items = append(items, map[string]any{"name": k["name"], "destination": k["destination"], "filter": k["filter"],
				"disabled": k["disabled"], "includeChildren": k["include_children"], "writerIdentity": k["writer_identity"]})
		}
		s.page(w, req, "sinks", items, "pageSize")
	})
	s.handle(host, "GET", "/v2/projects/"+seg+"/metrics", "logging:metrics.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "logging:metrics.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, k := range s.Resources("gcp_logging_metric") {
			items = append(items, map[string]any{"name": k["name"], "filter": k["filter"], "disabled": k["disabled"],
				"metricDescriptor": map[string]any{"metricKind": "DELTA", "valueType": "INT64", "type": "logging.googleapis.com/user/" + str(k["name"])}})
		}
		s.page(w, req, "metrics", items, "pageSize")
	})
}

func (s *Server) monitoring() {
	const op = "monitoring:alertPolicies.list"
	s.handle("monitoring.googleapis.com", "GET", "/v3/projects/"+seg+"/alertPolicies", op, func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, op, "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, a := range s.Resources("gcp_monitoring_alert_policy") {
			conds := []any{}
			for i, f := range list(a["condition_filters"]) {
				conds = append(conds, map[string]any{"name": strings.TrimPrefix(a.ID(), "//monitoring.googleapis.com/") + "/conditions/" + string(rune('1'+i)),
					"displayName": "condition", "conditionThreshold": map[string]any{"filter": f, "comparison": "COMPARISON_GT",
						"duration": "0s", "aggregations": []any{map[string]any{"alignmentPeriod": "60s", "perSeriesAligner": "ALIGN_COUNT"}}}})
			}
			items = append(items, map[string]any{"name": strings.TrimPrefix(a.ID(), "//monitoring.googleapis.com/"), "displayName": a["name"],
				"enabled": a["enabled"], "conditions": conds, "notificationChannels": a["notification_channels"], "userLabels": a["tags"],
				"combiner": "OR"})
		}
		s.page(w, req, "alertPolicies", items, "pageSize")
	})
}
