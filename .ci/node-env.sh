# Sourced by .ci/run: makes sure a Node >= 22.12 is first on PATH.
# The system Node on the build machines is older; npm would then quietly resolve
# older package majors, so an LTS Node is fetched from the npm registry's `node`
# package into an ignored folder instead of relying on what the machine has.
aislecast_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! aislecast_node_ok; then
  local_node_dir="$PWD/.cache/node22"
  if [ ! -x "$local_node_dir/node_modules/.bin/node" ]; then
    echo "[ci] system Node $(node -v 2>/dev/null || echo 'missing') is older than 22.12; fetching Node 22 from the npm registry"
    mkdir -p "$local_node_dir"
    npm install --prefix "$local_node_dir" --no-save --no-package-lock --no-audit --no-fund node@22 >/dev/null
  fi
  export PATH="$local_node_dir/node_modules/.bin:$PATH"
  aislecast_node_ok || { echo "[ci] could not provide Node >= 22.12" >&2; exit 1; }
fi
echo "[ci] using node $(node -v) at $(command -v node)"
