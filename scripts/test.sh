#!/usr/bin/env bash
# Install the project, its test tools, Debian's chromium (for the browser suite) and a Java
# runtime (for the Spark parity tests), then
# run every test. Extra arguments go to pytest (e.g. -m "not browser" to skip the browser).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    fi
fi

# The Spark parity tests need a Java runtime (17 or later).
if ! command -v java > /dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
    fi
fi

python3 -m venv .venv
.venv/bin/pip install --quiet -r requirements-dev.txt
exec .venv/bin/python -m pytest "$@"
