#!/bin/sh
# install-deps.sh: install the Debian packages listed in .ci/packages that are
# missing (needs root, or sudo).  Quiet and quick when all are present.
set -eu
cd "$(dirname "$0")/.."
list=${1:-.ci/packages}
pkgs=$(grep -v "^#" "$list" | grep .)
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0
echo "install-deps: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "install-deps: need root to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
