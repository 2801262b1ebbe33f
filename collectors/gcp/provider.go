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
	"regexp"
	"slices"
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
goes on. Ctrl-C or --timeout stops it cleanly and writes what was collected, marked incomplete.

Many projects: --organization ID or --folder ID audits every project below it, recursively through
its folders (Cloud Resource Manager folders.list and projects.list for the root and each folder);
projects pending deletion (DELETE_REQUESTED) are listed as skipped, never collected. --accounts
narrows them (project ids or globs), --exclude-accounts leaves some out; without --organization and
--folder, --accounts with plain project ids audits exactly those projects. Every project is
collected with the same credentials: grant the role of 'incloud permissions gcp --organization' on
the organization or folder. A project that cannot be read (PERMISSION_DENIED) is reported with its
error, never dropped.`,
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
every one a get or list permission. Grant it to the auditing principal instead of Viewer.

With --organization: the role for --organization and --folder runs, which adds listing the folders
and projects below (resourcemanager.folders.list, resourcemanager.projects.list), with the gcloud
commands that create it in the organization and grant it on the organization or folder, where every
project below inherits it. --role names it (hyphens dropped: GCP role ids allow letters, digits,
underscores and periods), --audit-principal is the IAM member it is granted to
(serviceAccount:auditor@PROJECT.iam.gserviceaccount.com, principalSet://... for workload identity).`,
		Permissions:             WriteRole,
		OrganizationPermissions: WriteOrganizationRole,
		OrganizationHelp: collectors.OrganizationHelp{
			Organization: "print the custom role of --organization and --folder runs (the project role plus resourcemanager.folders.list and projects.list) with the gcloud commands that create it and grant it on the organization or a folder",
			Role:         "with --organization: the custom role's name (hyphens dropped for its id: incloud-audit is incloudAudit)",
			Principal:    "with --organization: the IAM member granted the role (serviceAccount:EMAIL, or principalSet://... for workload identity federation)",
		},
		FleetFlags: FleetFlags,
		Fleet:      NewFleet,
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

// WriteOrganizationRole writes the role of fleet mode (--organization, --folder) as YAML for
// `gcloud iam roles create --organization --file`: the project role's permissions and the
// listing of folders and projects, preceded by comments with the commands that create it and
// grant it to principal (a placeholder when "") on the organization or a folder, where every
// project below inherits it.
func WriteOrganizationRole(w io.Writer, role, principal string) error {
	id, err := roleID(role)
	if err != nil {
		return err
	}
	if principal == "" {
		principal = "PRINCIPAL"
	}
	var b strings.Builder
	b.WriteString("# incloud fleet mode: 'incloud scan gcp --organization ORG_ID' (or --folder FOLDER_ID).\n")
	b.WriteString("# Create this role in the organization, then grant it to the auditing principal on the\n")
	b.WriteString("# organization, or on the folder you audit: every folder and project below inherits it, so\n")
	b.WriteString("# one binding covers them all. The listing permissions (" + strings.Join(FleetPermissions(), ", ") + ")\n")
	b.WriteString("# must be granted there, not in a project.\n")
	fmt.Fprintf(&b, "#   gcloud iam roles create %s --organization=ORG_ID --file=role.yaml\n", id)
	fmt.Fprintf(&b, "#   gcloud organizations add-iam-policy-binding ORG_ID --member=%s --role=organizations/ORG_ID/roles/%s\n", principal, id)
	fmt.Fprintf(&b, "# or, to audit one folder:\n")
	fmt.Fprintf(&b, "#   gcloud resource-manager folders add-iam-policy-binding FOLDER_ID --member=%s --role=organizations/ORG_ID/roles/%s\n", principal, id)
	b.WriteString("# (--accounts with project ids and no --organization or --folder lists nothing: the role of\n")
	b.WriteString("# 'incloud permissions gcp' granted in each of those projects is enough.)\n")
	b.WriteString("title: incloud auditor (organization)\n")
	b.WriteString("description: Read-only permissions of the incloud GCP collector in fleet mode (get and list only)\n")
	b.WriteString("stage: GA\n")
	b.WriteString("includedPermissions:\n")
	perms := append(Permissions(), FleetPermissions()...)
	slices.Sort(perms)
	for _, p := range perms {
		fmt.Fprintf(&b, "- %s\n", p)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

var roleIDPattern = regexp.MustCompile(`^[a-zA-Z0-9_.]{3,64}$`)

// roleID turns a role name into a GCP custom role id: hyphens dropped, the next letter upper
// case ("incloud-audit" is incloudAudit); "" is incloudAuditor.
func roleID(role string) (string, error) {
	if role == "" {
		return "incloudAuditor", nil
	}
	parts := strings.Split(role, "-")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	id := strings.Join(parts, "")
	if !roleIDPattern.MatchString(id) {
		return "", fmt.Errorf("--role %q: a GCP custom role id is 3 to 64 letters, digits, underscores or periods", role)
	}
	return id, nil
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
