package gcp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/incloud/incloud/collectors"
)

func init() {
	collectors.Register(collectors.Provider{
		Name:    "gcp",
		Title:   "Google Cloud",
		Account: "GCP project",
		CollectHelp: `Collects one Google Cloud project's customer-side configuration into a snapshot: the project's
IAM policy and enabled APIs, service accounts, KMS, API keys, logging and monitoring, networks and
firewalls, VMs and disks, buckets, Cloud SQL, BigQuery and Dataproc (--services). Every call is a
read over HTTPS/JSON (works behind HTTPS_PROXY and with SSL_CERT_FILE). Credentials are Application
Default Credentials: GOOGLE_APPLICATION_CREDENTIALS (a service-account key or a workload identity
federation file), gcloud's application-default login, or the metadata server. An API that is not
enabled (SERVICE_DISABLED) or a denied call is recorded in the snapshot's errors and the collection
goes on. Ctrl-C or --timeout stops it cleanly and writes what was collected, marked incomplete.`,
		Services: ServiceNames,
		Flags: []collectors.Flag{{Name: "project",
			Usage: "project id (default: GOOGLE_CLOUD_PROJECT, CLOUDSDK_CORE_PROJECT, the Application Default Credentials' project, or gcloud's configured project)"}},
		RegionsHelp:  "every region of the project (compute regions.list); only Dataproc is listed per region",
		EndpointHelp: "Google's endpoints; a URL here is a fake GCP for tests: requests go to URL/<API host>/<path>, without credentials",
		New: func(ctx context.Context, flags map[string]string, opts collectors.Options) (collectors.Collector, error) {
			project := flags["project"]
			if project == "" {
				project = DefaultProject()
			}
			if project == "" {
				return nil, errors.New("no GCP project: pass --project ID, or set GOOGLE_CLOUD_PROJECT")
			}
			return New(project, opts), nil
		},
		PermissionsHelp: `Prints a custom IAM role (YAML for 'gcloud iam roles create incloudAuditor --project=PROJECT
--file=role.yaml', or --organization=ORG_ID) holding exactly the permissions the GCP collector uses:
every one a get or list permission. Grant it to the auditing principal instead of Viewer.`,
		Permissions: WriteRole,
	})
}

// WriteRole writes the collector's custom role as YAML for `gcloud iam roles create --file`.
func WriteRole(w io.Writer) error {
	var b strings.Builder
	b.WriteString("title: incloud auditor\n")
	b.WriteString("description: Read-only permissions of the incloud GCP collector (get and list only)\n")
	b.WriteString("stage: GA\n")
	b.WriteString("includedPermissions:\n")
	for _, p := range Permissions() {
		fmt.Fprintf(&b, "- %s\n", p)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DefaultProject returns the project of the environment, "" when none is known: the
// GOOGLE_CLOUD_PROJECT and CLOUDSDK_CORE_PROJECT variables, the project of the Application Default
// Credentials file (a service-account key's project_id, a user login's quota_project_id), then
// gcloud's active configuration. Nothing is asked over the network.
func DefaultProject() string {
	for _, v := range []string{"GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT"} {
		if p := os.Getenv(v); p != "" {
			return p
		}
	}
	configDir := os.Getenv("CLOUDSDK_CONFIG")
	if configDir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			configDir = filepath.Join(home, ".config", "gcloud")
		}
	}
	adc := os.Getenv("GOOGLE_APPLICATION_CREDENTIALS")
	if adc == "" && configDir != "" {
		adc = filepath.Join(configDir, "application_default_credentials.json")
	}
	if data, err := os.ReadFile(adc); err == nil {
		var f struct {
			ProjectID      string `json:"project_id"`
			QuotaProjectID string `json:"quota_project_id"`
		}
		if json.Unmarshal(data, &f) == nil {
			if f.ProjectID != "" {
				return f.ProjectID
			}
			if f.QuotaProjectID != "" {
				return f.QuotaProjectID
			}
		}
	}
	if configDir == "" {
		return ""
	}
	active := "default"
	if data, err := os.ReadFile(filepath.Join(configDir, "active_config")); err == nil && strings.TrimSpace(string(data)) != "" {
		active = strings.TrimSpace(string(data))
	}
	return gcloudProject(filepath.Join(configDir, "configurations", "config_"+active))
}

// gcloudProject reads `project = X` from the [core] section of a gcloud configuration file.
func gcloudProject(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok && section == "[core]" && strings.TrimSpace(k) == "project" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
