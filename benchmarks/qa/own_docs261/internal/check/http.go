// Package check runs the probes that decide whether a monitored site is up.
package check

import (
	"net/http"
	"time"
)

// DefaultInterval is how often each monitor is checked when its config gives
// no interval of its own.
const DefaultInterval = 60 * time.Second

// Timeout is how long a single HTTP check may take before it counts as failed.
const Timeout = 10 * time.Second

// FailuresBeforeAlert is how many checks in a row must fail before an alert
// is sent, so that one dropped packet does not wake anyone up.
const FailuresBeforeAlert = 3

// HTTP checks one URL. A site is up when it answers with a status code below
// 400 within Timeout; redirects are followed, at most five of them.
func HTTP(client *http.Client, url string) (up bool, latency time.Duration, err error) {
	start := time.Now()
	resp, err := client.Get(url)
	if err != nil {
		return false, 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode < 400, time.Since(start), nil
}
