# Helpers shared by the set-up steps (sourced, not run: the runner only runs files named NN-*.sh).
# apt_install PKG...: installs the Debian packages that are missing (runs apt-get update once per set-up).
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && { echo "    apt: already installed: $*"; return 0; }
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ ! -f "${STREAMORLEANS_CACHE}/.apt-updated" ]; then
    echo "    apt: updating package lists"
    $sudo apt-get update -qq
    touch "${STREAMORLEANS_CACHE}/.apt-updated"
  fi
  echo "    apt: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# npm_unpack NAME VERSION: fetches an npm package tarball into .cache/npm/NAME-VERSION/package (no install scripts run).
npm_unpack() {
  local name="$1" version="$2"
  local dir="${STREAMORLEANS_CACHE}/npm/${name//\//+}-${version}"
  if [ -f "$dir/package/package.json" ]; then echo "    npm: already unpacked: $name@$version"; return 0; fi
  echo "    npm: fetching $name@$version"
  mkdir -p "$dir"
  local tgz
  tgz=$(cd "$dir" && npm pack --silent "$name@$version")
  tar -xzf "$dir/$tgz" -C "$dir"
  rm -f "$dir/$tgz"
}
