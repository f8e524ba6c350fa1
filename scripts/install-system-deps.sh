#!/usr/bin/env bash
# Install the real programs that tests/test_real_clients.py runs refkit's output through:
# biber (biblatex's validator), bibtex, pandoc, JabRef 3.8 and, under node, the BibTeX
# parser Better BibTeX (Zotero) uses.  Debian 12; run as root (or with sudo available).
#
# Idempotent and quick on a re-run: apt is touched only when a package is missing, npm
# only when tests/js/node_modules does not match tests/js/package-lock.json.
#
#   bash scripts/install-system-deps.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# biber: biblatex's backend, whose --tool --validate-datamodel checks a .bib;
# texlive-bibtex-extra: biblatex's data model files (blx-dm.def) that biber validates against;
# texlive-latex-base: bibtex and plain.bst;
# jabref: Debian's 3.8.2, run headless (java.awt.headless, no X display needed).
# poppler-utils: pdftotext, to read back the PDF of a rendered bibliography;
# chromium: opens the rendered HTML page headless and takes a screenshot.
packages=(biber texlive-bibtex-extra texlive-latex-base pandoc jabref poppler-utils chromium)
# Node.js and npm only when the machine has no node of its own (some images ship a newer one).
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs)
fi
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)"
  if [[ "$status" != "installed" ]]; then
    missing+=("$package")
  fi
done

as_root=()
if [[ "$(id -u)" != 0 ]]; then
  as_root=(sudo)
fi

if ((${#missing[@]})); then
  echo "install-system-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-system-deps: Debian packages already installed" >&2
fi

# The npm parser: installed exactly as locked, and only when the lock changed since the
# last install (npm records what it installed in node_modules/.package-lock.json).
js="$here/tests/js"
stamp="$js/node_modules/.refkit-lock.sha256"
want="$(sha256sum "$js/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" \
  && -f "$js/node_modules/@retorquere/bibtex-parser/package.json" ]]; then
  echo "install-system-deps: npm packages already installed" >&2
else
  echo "install-system-deps: npm ci in tests/js" >&2
  (cd "$js" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
fi
