# Sourced by the test scripts: sets AILABEL_CORPUS to the shared corpus (read in place), from
# the env var, else ../shared/corpus, else ../../shared/corpus (a git worktree). Fails unless
# AILABEL_ALLOW_NO_CORPUS=1 when there is none.
if [[ -z "${AILABEL_CORPUS:-}" ]]; then
  for c in ../shared/corpus ../../shared/corpus; do
    if [[ -f $c/VALIDATION.json ]]; then AILABEL_CORPUS=$(cd "$c" && pwd); break; fi
  done
fi
if [[ -z "${AILABEL_CORPUS:-}" && "${AILABEL_ALLOW_NO_CORPUS:-}" != 1 ]]; then
  echo "the corpus was not found: set AILABEL_CORPUS (or AILABEL_ALLOW_NO_CORPUS=1)" >&2
  exit 1
fi
export AILABEL_CORPUS="${AILABEL_CORPUS:-}"
