# Shared by .ci/start and .ci/test (sourced, from the repository root): what a fresh machine
# lacks before the README's commands can work. Everything fetched lands in the ignored .cache/.

ci_say() { echo "[aislecast] $*"; }

# Where traffic passes through a proxy with its own certificate authority, the machine trusts it
# in the system bundle, but Node does not read that bundle by itself: npm's fetches would fail
# with "self-signed certificate in certificate chain". Point Node at it when nothing else is set.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi

# Whether a Node version (default: the running one) satisfies package.json's `engines.node`.
# Runs before `npm ci` under whatever old Node the machine has, so it is plain JS without
# dependencies; it understands what `engines` uses: `||` of `^x.y.z`, `>=x.y.z` and bare majors.
ci_node_satisfies() {
  node -e '
    const parse = (v) => { const p = String(v).replace(/^v/, "").split(".").map(Number); return [p[0] || 0, p[1] || 0, p[2] || 0]; };
    const cmp = (a, b) => { for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1; return 0; };
    const range = require("./package.json").engines.node;
    const v = parse(process.argv[1] || process.versions.node);
    const ok = range.split("||").some((part) => {
      const term = part.trim();
      if (term.startsWith("^")) { const min = parse(term.slice(1)); return v[0] === min[0] && cmp(v, min) >= 0; }
      if (term.startsWith(">=")) return cmp(v, parse(term.slice(2))) >= 0;
      if (/^\d+$/.test(term)) return v[0] === Number(term);
      console.error("[aislecast] .ci/lib.sh does not understand the engines range " + JSON.stringify(term));
      process.exit(2);
    });
    process.exit(ok ? 0 : 1);
  ' "${1:-}"
}

# A Node that satisfies package.json's `engines` first on PATH. The system Node is often older
# (npm ci then stops with EBADENGINE, and `node file.ts` needs type stripping), so the version in
# .nvmrc is fetched from the npm registry's `node` package: no download site but the registry.
ci_use_node() {
  if command -v node >/dev/null 2>&1 && ci_node_satisfies; then
    ci_say "using node $(node -v) at $(command -v node)"
    return
  fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "[aislecast] Node.js and npm are needed to fetch the right Node; install any Node >= 20 (https://nodejs.org) and run this again." >&2
    exit 1
  fi
  local wanted dir
  wanted="$(tr -d '[:space:]' < .nvmrc)"
  dir="$PWD/.cache/node"
  if [ ! -x "$dir/node_modules/.bin/node" ] || [ "$("$dir/node_modules/.bin/node" -v)" != "v$wanted" ]; then
    ci_say "Node $(node -v) is outside what the app needs ($(node -p 'require("./package.json").engines.node')); fetching Node $wanted from the npm registry into .cache/node"
    rm -rf "$dir"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$wanted" >/dev/null
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  if ! ci_node_satisfies; then
    echo "[aislecast] could not provide a Node that satisfies package.json's engines" >&2
    exit 1
  fi
  ci_say "using node $(node -v) at $(command -v node)"
}

# `npm ci`, skipped when node_modules was installed from this very lockfile by this very Node.
ci_install() {
  local stamp want
  stamp="node_modules/.aislecast-installed"
  want="$(node -e 'const c=require("node:crypto"),f=require("node:fs");process.stdout.write(c.createHash("sha256").update(f.readFileSync("package-lock.json")).digest("hex")+" "+process.version+" "+process.platform+"-"+process.arch)')"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    ci_say "dependencies already installed from this package-lock.json"
    return
  fi
  ci_say "installing dependencies (npm ci)"
  npm ci
  printf '%s' "$want" > "$stamp"
}

# The end-to-end tests drive a system Chromium: the places test/e2e/support/browser.ts looks.
ci_chromium_candidates=(
  /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
  "/Applications/Chromium.app/Contents/MacOS/Chromium"
)
ci_chromium() {
  if [ -n "${AISLECAST_CHROMIUM:-}" ]; then return; fi
  local candidate
  for candidate in "${ci_chromium_candidates[@]}"; do
    if [ -x "$candidate" ]; then return; fi
  done
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "[aislecast] the end-to-end tests need Chromium or Chrome: install one, or set AISLECAST_CHROMIUM to its executable" >&2
    exit 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  ci_say "installing Debian's Chromium for the end-to-end tests (apt-get)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}
