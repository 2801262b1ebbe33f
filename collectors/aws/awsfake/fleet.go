package awsfake

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Fleet is a fake AWS organization on one loopback endpoint: the management account's server
// (Organizations and its own data) and one server per member account, each with its own data.
// sts:AssumeRole on arn:aws:iam::<member>:role/<Role> returns temporary credentials whose
// access key names the member; requests signed with them reach that member's server. Requests
// signed with any other key reach the management account.
type Fleet struct {
	URL string
	// Role is the role name members trust; Denied are the members that refuse AssumeRole
	// (AccessDenied) and ExternalID, when set, must match.
	Role       string
	ExternalID string
	Denied     map[string]bool

	mgmt    *Server
	members map[string]*Server
	http    *httptest.Server
	mu      sync.Mutex
	assumed map[string]int
}

// memberKeyPrefix starts the access key of a member's temporary credentials.
const memberKeyPrefix = "ASIAFAKE"

// NewFleet serves mgmt as the management account and members by account id.
func NewFleet(mgmt *Server, members map[string]*Server, role string) *Fleet {
	f := &Fleet{Role: role, Denied: map[string]bool{}, mgmt: mgmt, members: members, assumed: map[string]int{}}
	f.http = httptest.NewServer(f)
	f.URL = f.http.URL
	return f
}

// Close stops the fleet's endpoint and every account's server.
func (f *Fleet) Close() {
	f.http.Close()
	f.mgmt.Close()
	for _, m := range f.members {
		m.Close()
	}
}

// AssumeRoleCount is how many times AssumeRole was answered for account (denials included).
func (f *Fleet) AssumeRoleCount(account string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.assumed[account]
}

func (f *Fleet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	auth := r.Header.Get("Authorization")
	svc, _, _ := credentialScope(auth)
	if svc == "sts" {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if form, err := url.ParseQuery(string(body)); err == nil && form.Get("Action") == "AssumeRole" {
			f.assumeRole(w, form)
			return
		}
	}
	key := ""
	if i := strings.Index(auth, "Credential="); i >= 0 {
		key, _, _ = strings.Cut(auth[i+len("Credential="):], "/")
	}
	if acct, ok := strings.CutPrefix(key, memberKeyPrefix); ok {
		if m := f.members[acct]; m != nil {
			m.ServeHTTP(w, r)
			return
		}
		http.Error(w, "awsfake: no member account "+acct, http.StatusForbidden)
		return
	}
	f.mgmt.ServeHTTP(w, r)
}

func (f *Fleet) assumeRole(w http.ResponseWriter, form url.Values) {
	arn := form.Get("RoleArn")
	var acct, role string
	if rest, ok := strings.CutPrefix(arn, "arn:aws:iam::"); ok {
		acct, role, _ = strings.Cut(rest, ":role/")
	}
	f.mu.Lock()
	f.assumed[acct]++
	f.mu.Unlock()
	denied := func(msg string) {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, `<ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>%s</Message></Error><RequestId>fake</RequestId></ErrorResponse>`, stsXMLNS, msg)
	}
	caller := "arn:aws:iam::" + f.mgmt.Account() + ":user/incloud-auditor"
	notAuthorized := "User: " + caller + " is not authorized to perform: sts:AssumeRole on resource: " + arn
	if f.members[acct] == nil || role != f.Role || f.Denied[acct] || (f.ExternalID != "" && form.Get("ExternalId") != f.ExternalID) {
		denied(notAuthorized)
		return
	}
	exp := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	w.Header().Set("Content-Type", "text/xml")
	fmt.Fprintf(w, `<AssumeRoleResponse xmlns="%s"><AssumeRoleResult><Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>fake-secret</SecretAccessKey><SessionToken>fake-session-%s</SessionToken><Expiration>%s</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::%s:assumed-role/%s/%s</Arn><AssumedRoleId>AROAFAKE:%s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></AssumeRoleResponse>`,
		stsXMLNS, memberKeyPrefix+acct, acct, exp, acct, role, form.Get("RoleSessionName"), form.Get("RoleSessionName"))
}

// Member returns the server of a member account (nil if there is none): collecting it directly
// is collecting that account alone.
func (f *Fleet) Member(account string) *Server {
	if account == f.mgmt.Account() {
		return f.mgmt
	}
	return f.members[account]
}
