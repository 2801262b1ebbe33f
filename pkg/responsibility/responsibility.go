// Package responsibility is the customer's side of the cloud shared-responsibility model: the areas
// a check can belong to and the service models that decide how much of a resource is the customer's.
package responsibility

import "fmt"

// Area is one customer responsibility area.
type Area struct {
	ID          string
	Name        string
	Explanation string
}

// Areas lists the five customer areas in display order.
var Areas = []Area{
	{"data-protection", "Data protection",
		"Confidentiality, integrity and availability of the customer's data: access controls on data stores, encryption at rest and in transit, backups and versioning. The provider stores the bytes; who may read them is the customer's decision."},
	{"user-access-management", "User access management",
		"Identities and credentials: least privilege, strong passwords, MFA, key rotation, removing unused credentials and not using the root or owner identity. The provider runs the identity service; every grant in it is the customer's."},
	{"application-security", "Application security",
		"The customer's workloads: secure configuration of compute and runtimes, patching where the customer owns the OS or runtime, metadata-service hardening and secrets handling."},
	{"network-controls", "Network controls",
		"Firewalls, security groups, network ACLs, private endpoints and the exposure of services to the internet. Whoever supplies the firewall, its rules are always the customer's to configure."},
	{"compliance-governance", "Compliance and governance",
		"Audit logging, configuration recording, monitoring and alerting, organisation policies: the evidence regulators and auditors ask the customer for."},
}

// AreaIDs lists the ids of Areas, in display order.
func AreaIDs() []string {
	ids := make([]string, len(Areas))
	for i, a := range Areas {
		ids[i] = a.ID
	}
	return ids
}

// ServiceModel is how a cloud service splits the stack between provider and customer.
type ServiceModel struct {
	ID           string
	Name         string
	CustomerOwns string
	ProviderOwns string
}

// ServiceModels lists IaaS, PaaS and SaaS.
var ServiceModels = []ServiceModel{
	{"iaas", "IaaS", "operating system, runtime, applications, data, identities and network configuration",
		"data centres, hosts, virtualisation and the physical network"},
	{"paas", "PaaS", "data, identities, application code and network exposure",
		"data centres, hosts, operating system and runtime"},
	{"saas", "SaaS", "user access and data",
		"everything from the data centre up to the application"},
}

// LookupArea returns the area with the given id.
func LookupArea(id string) (Area, error) {
	for _, a := range Areas {
		if a.ID == id {
			return a, nil
		}
	}
	return Area{}, fmt.Errorf("unknown responsibility area %q (want one of data-protection, user-access-management, application-security, network-controls, compliance-governance)", id)
}

// LookupServiceModel returns the service model with the given id.
func LookupServiceModel(id string) (ServiceModel, error) {
	for _, m := range ServiceModels {
		if m.ID == id {
			return m, nil
		}
	}
	return ServiceModel{}, fmt.Errorf("unknown service model %q (want one of iaas, paas, saas)", id)
}

// AreaName returns the display name of an area id, or the id itself when unknown.
func AreaName(id string) string {
	if a, err := LookupArea(id); err == nil {
		return a.Name
	}
	return id
}
