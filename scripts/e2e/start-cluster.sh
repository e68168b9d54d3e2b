#!/usr/bin/env bash
# Starts the e2e cluster (etcd + kube-apiserver on loopback) by hand; see scripts/e2e/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
exec node --conditions=@kube-cache/source --import tsx scripts/e2e/start-cluster.ts
