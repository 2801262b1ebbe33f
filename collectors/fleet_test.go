package collectors

import (
	"strings"
	"testing"
)

func TestSelectMembers(t *testing.T) {
	all := []Member{{ID: "111111111111"}, {ID: "111122223333"}, {ID: "222222222222", Skip: "SUSPENDED"}, {ID: "333333333333"}}
	ids := func(ms []Member) string {
		var s []string
		for _, m := range ms {
			s = append(s, m.ID)
		}
		return strings.Join(s, ",")
	}
	for _, tc := range []struct {
		include, exclude []string
		want, err        string
	}{
		{want: "111111111111,111122223333,222222222222,333333333333"},
		{include: []string{"1111*"}, want: "111111111111,111122223333"},
		{include: []string{"1111*"}, exclude: []string{"111122223333"}, want: "111111111111"},
		{exclude: []string{"1*", "3*"}, want: "222222222222"},
		{include: []string{"333333333333", "444*"}, err: "444* matched no account of the 4 listed"},
		{include: []string{"[1"}, err: `account pattern "[1"`},
	} {
		got, err := SelectMembers(all, tc.include, tc.exclude)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("SelectMembers(%v, %v): error %v, want one containing %q", tc.include, tc.exclude, err, tc.err)
			}
			continue
		}
		if err != nil || ids(got) != tc.want {
			t.Errorf("SelectMembers(%v, %v) = %s, %v; want %s", tc.include, tc.exclude, ids(got), err, tc.want)
		}
	}
}
