#!/usr/bin/env bash
# Retakes the README's screenshots: runs ScreenshotTests (through ./test.sh, which starts its own
# throwaway PostgreSQL and the app with the demo data) and copies the pictures into docs/screenshots/.
#
#   scripts/update-screenshots.sh
#
# Run it after a change to what the main pages look like, and commit docs/screenshots/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

names=(overview district-profile quotas districts map overview-high-contrast overview-320px)
output=tests/EmploymentDashboard.BrowserTests/bin/Debug/net10.0/browser-output
for name in "${names[@]}"; do
    rm -f "$output/$name.png"
done

./test.sh --filter "FullyQualifiedName~ScreenshotTests"

for name in "${names[@]}"; do
    if [[ ! -s "$output/$name.png" ]]; then
        echo "update-screenshots: $output/$name.png was not taken" >&2
        exit 1
    fi
    cp "$output/$name.png" "docs/screenshots/$name.png"
done
echo "update-screenshots: ${#names[@]} screenshots copied to docs/screenshots/"
