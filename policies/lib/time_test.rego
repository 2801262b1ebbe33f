package incloud.lib.time_test

import data.incloud.lib.time

test_days_since if {
	time.days_since("2026-11-10T06:00:00Z") == 10 with input as {"collected_at": "2026-11-20T06:00:00Z"}
	time.days_since("2026-11-10T07:00:00Z") == 9 with input as {"collected_at": "2026-11-20T06:00:00Z"}
}

test_older_than if {
	time.older_than("2026-08-01T00:00:00Z", 90) with input as {"collected_at": "2026-11-20T06:00:00Z"}
	not time.older_than("2026-10-01T00:00:00Z", 90) with input as {"collected_at": "2026-11-20T06:00:00Z"}
}

test_before_now if {
	time.before_now("2026-11-19T00:00:00Z") with input as {"collected_at": "2026-11-20T06:00:00Z"}
	not time.before_now("2026-11-21T00:00:00Z") with input as {"collected_at": "2026-11-20T06:00:00Z"}
}
