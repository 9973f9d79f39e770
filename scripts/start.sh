#!/usr/bin/env bash
# Install the project into .venv and start the dashboard (it loads the demo organisation
# when no exports have been loaded). Extra arguments go to `streamlit run`.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet -r requirements.txt
exec .venv/bin/streamlit run dashboard.py "$@"
