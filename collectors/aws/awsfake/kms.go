package awsfake

import (
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

// KMS (awsJson1_1, target prefix TrentService): keys, aliases (a key's name when it starts with
// alias/), rotation status and tags.
func init() {
	services["kms"] = jsonProtocol("kms", map[string]handler{
		"ListKeys":             kmsListKeys,
		"ListAliases":          kmsListAliases,
		"DescribeKey":          kmsDescribeKey,
		"GetKeyRotationStatus": kmsGetKeyRotationStatus,
		"ListResourceTags":     kmsListResourceTags,
	}, "ThrottlingException")
}

// kmsPage serves one page of a KMS list: listName holds the items, NextMarker and Truncated
// say whether more follow.
func (s *Server) kmsPage(in map[string]any, listName string, items []any) (*Response, error) {
	start, end, next := s.Page(len(items), inputString(in, "Marker"), inputString(in, "Limit"))
	out := map[string]any{listName: append([]any{}, items[start:end]...), "Truncated": next != ""}
	if next != "" {
		out["NextMarker"] = next
	}
	return jsonResult(out)
}

// kmsKey finds a key of region by key id or ARN.
func (s *Server) kmsKey(region, keyID string) (snapshot.Resource, error) {
	for _, k := range s.inRegion("aws_kms_key", region) {
		if keyID == str(k, "key_id") || keyID == k.ID() {
			return k, nil
		}
	}
	return nil, &APIError{400, "NotFoundException", "Key '" + keyID + "' does not exist"}
}

func kmsListKeys(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	var items []any
	for _, k := range s.inRegion("aws_kms_key", req.Region) {
		items = append(items, map[string]any{"KeyId": str(k, "key_id"), "KeyArn": k.ID()})
	}
	// A key the snapshot could not describe is listed all the same: only its DescribeKey fails.
	for _, arn := range s.undescribedKeys(req.Region) {
		items = append(items, map[string]any{"KeyId": lastSegment(arn), "KeyArn": arn})
	}
	return s.kmsPage(jsonInput(req), "Keys", items)
}

func kmsListAliases(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	var items []any
	for _, k := range s.inRegion("aws_kms_key", req.Region) {
		if name := str(k, "name"); strings.HasPrefix(name, "alias/") {
			items = append(items, map[string]any{
				"AliasName": name, "AliasArn": "arn:aws:kms:" + req.Region + ":" + s.Account() + ":" + name,
				"TargetKeyId": str(k, "key_id"), "CreationDate": 1.7e9,
			})
		}
	}
	return s.kmsPage(jsonInput(req), "Aliases", items)
}

// undescribedKeys returns the ARNs of region's keys that the snapshot's errors say could not be
// described (so they are not among its resources).
func (s *Server) undescribedKeys(region string) []string {
	var out []string
	for _, e := range s.Snapshot().Errors {
		if e.Operation == "kms:DescribeKey" && e.Region == region && e.ResourceID != "" {
			out = append(out, e.ResourceID)
		}
	}
	return out
}

func kmsDescribeKey(s *Server, req *Request) (*Response, error) {
	keyID := inputString(jsonInput(req), "KeyId")
	for _, arn := range s.undescribedKeys(req.Region) {
		if keyID == arn || keyID == lastSegment(arn) {
			return nil, s.injected(req.Op, arn, req.Region)
		}
	}
	k, err := s.kmsKey(req.Region, keyID)
	if err != nil {
		return nil, err
	}
	if err := s.injected(req.Op, k.ID(), req.Region); err != nil {
		return nil, err
	}
	return jsonResult(map[string]any{"KeyMetadata": map[string]any{
		"AWSAccountId": s.Account(), "KeyId": str(k, "key_id"), "Arn": k.ID(), "CreationDate": 1.7e9,
		"Enabled": str(k, "key_state") == "Enabled", "KeyManager": str(k, "key_manager"),
		"KeySpec": str(k, "key_spec"), "CustomerMasterKeySpec": str(k, "key_spec"),
		"KeyUsage": str(k, "key_usage"), "KeyState": str(k, "key_state"), "Origin": str(k, "origin"),
		"MultiRegion": false, "Description": "",
	}})
}

func kmsGetKeyRotationStatus(s *Server, req *Request) (*Response, error) {
	k, err := s.kmsKey(req.Region, inputString(jsonInput(req), "KeyId"))
	if err != nil {
		return nil, err
	}
	if err := s.injected(req.Op, k.ID(), req.Region); err != nil {
		return nil, err
	}
	if str(k, "key_manager") != "CUSTOMER" || str(k, "key_spec") != "SYMMETRIC_DEFAULT" || str(k, "origin") != "AWS_KMS" {
		return nil, &APIError{400, "UnsupportedOperationException", k.ID() + " origin or key spec does not support automatic key rotation"}
	}
	return jsonResult(map[string]any{"KeyId": k.ID(), "KeyRotationEnabled": boolean(k, "rotation_enabled")})
}

func kmsListResourceTags(s *Server, req *Request) (*Response, error) {
	in := jsonInput(req)
	k, err := s.kmsKey(req.Region, inputString(in, "KeyId"))
	if err != nil {
		return nil, err
	}
	if err := s.injected(req.Op, k.ID(), req.Region); err != nil {
		return nil, err
	}
	var items []any
	for _, kv := range tags(k) {
		items = append(items, map[string]any{"TagKey": kv[0], "TagValue": kv[1]})
	}
	return s.kmsPage(in, "Tags", items)
}
