#!/usr/bin/env bash
# Publishes a built site on the `gh-pages` branch, which GitHub Pages serves:
#
#   bash scripts/gh-pages.sh publish SITE_DIR          the main site at the root (pr-* folders stay)
#   bash scripts/gh-pages.sh publish SITE_DIR pr-12    the preview of pull request 12 under /pr-12/
#   bash scripts/gh-pages.sh remove pr-12              remove that preview
#   bash scripts/gh-pages.sh status FILE.json          main's build failed: the served site stays, and the
#                                                      form editor shows FILE (sunting/status-sesi.json) in
#                                                      a banner until the next publish replaces the site
#
# The branch always holds one commit (a snapshot of what is served), so the PDFs of old
# previews do not pile up in the repository's history. Pushes use --force-with-lease on
# the commit the change was made on; when another job pushed in between (a preview and the
# main site at the same time), the change is made again on the new state, up to 5 times.
# Uses the current repository's remote (PAGES_REMOTE, default origin) with its credentials,
# so in GitHub Actions the token of actions/checkout is enough (permission contents: write).
set -euo pipefail

remote=${PAGES_REMOTE:-origin}
branch=${PAGES_BRANCH:-gh-pages}
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-github-actions[bot]}
export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}

usage() {
  echo "Pemakaian: gh-pages.sh publish FOLDER_SITUS [pr-N] | gh-pages.sh remove pr-N | gh-pages.sh status BERKAS.json" >&2
  exit 2
}

action=${1:-}
case "$action" in
  publish) site=${2:-}; prefix=${3:-}; [ -n "$site" ] && [ -f "$site/index.html" ] || { echo "Folder situs tanpa index.html: '${site}'" >&2; exit 1; } ;;
  remove) prefix=${2:-}; [ -n "$prefix" ] || usage ;;
  status) prefix=; status_file=${2:-}; [ -n "$status_file" ] && [ -f "$status_file" ] || { echo "Berkas status tidak ada: '${status_file}'" >&2; exit 1; }
          status_file=$(cd "$(dirname "$status_file")" && pwd)/$(basename "$status_file") ;;
  *) usage ;;
esac
if [ -n "$prefix" ] && ! [[ "$prefix" =~ ^pr-[0-9]+$ ]]; then
  echo "Folder pratinjau harus berbentuk pr-<nomor>, bukan '$prefix'" >&2
  exit 2
fi
[ -n "${site:-}" ] && site=$(cd "$site" && pwd)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Fetch the branch; prints its commit, or nothing when it does not exist yet.
fetch_branch() {
  if git ls-remote --exit-code --heads "$remote" "$branch" >/dev/null 2>&1; then
    git fetch -q --depth 1 "$remote" "+refs/heads/$branch:refs/remotes/$remote/$branch"
    git rev-parse "refs/remotes/$remote/$branch"
  fi
}

# Lays out the served files in $1, starting from commit $2 (may be empty).
lay_out() {
  local work=$1 old=$2
  if [ -n "$old" ]; then
    git archive "$old" | tar -x -C "$work"
  fi
  if [ "$action" = status ]; then
    [ -d "$work/sunting" ] || { echo "Situs utama belum pernah diterbitkan: tidak ada editor yang menampilkan status." >&2; exit 1; }
    cp "$status_file" "$work/sunting/status-sesi.json"
  elif [ "$action" = remove ]; then
    rm -rf "${work:?}/$prefix"
  elif [ -n "$prefix" ]; then
    rm -rf "${work:?}/$prefix"
    mkdir -p "$work/$prefix"
    cp -R "$site/." "$work/$prefix/"
  else
    find "$work" -mindepth 1 -maxdepth 1 ! -name 'pr-*' -exec rm -rf {} +
    cp -R "$site/." "$work/"
  fi
  touch "$work/.nojekyll"  # serve the files as they are, no Jekyll
  chmod -R a+rX "$work"
}

# One attempt: 0 when published (or nothing changed), 3 when the push lost a race.
attempt() {
  local old work index tree commit what
  old=$(fetch_branch)
  work=$(mktemp -d "$scratch/work.XXXXXX")
  index="$scratch/index.$RANDOM"
  lay_out "$work" "$old"
  GIT_INDEX_FILE=$index git --work-tree="$work" add -A -f .
  tree=$(GIT_INDEX_FILE=$index git write-tree)
  if [ -n "$old" ] && [ "$tree" = "$(git rev-parse "$old^{tree}")" ]; then
    echo "Tidak ada perubahan di cabang $branch."
    return 0
  fi
  what=${prefix:-situs utama}
  [ "$action" = status ] && what="(build gagal, ditampilkan di editor formulir)"
  commit=$(git commit-tree "$tree" -m "Pages: $action $what (${GITHUB_SHA:-$(git rev-parse --short HEAD 2>/dev/null || echo lokal)})")
  if git push -q --force-with-lease="refs/heads/$branch:$old" "$remote" "$commit:refs/heads/$branch"; then
    echo "Cabang $branch diperbarui: $action $what."
    return 0
  fi
  return 3
}

for try in 1 2 3 4 5; do
  set +e
  (set -e; attempt)  # in a subshell so that any other failure stops the script
  status=$?
  set -e
  [ "$status" = 3 ] || exit "$status"
  echo "Cabang $branch berubah saat didorong; mencoba lagi ($try)." >&2
  sleep "$try"
done
echo "Gagal memperbarui cabang $branch setelah 5 percobaan." >&2
exit 1
