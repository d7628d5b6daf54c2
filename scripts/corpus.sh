# Sourced by scripts/test.sh: finds the full research corpus, which is not part of the
# repository (the tests use the copies in tests/fixtures). Sets AILABEL_CORPUS from the env var,
# else ../shared/corpus, else ../../shared/corpus (a git worktree); leaves it unset when there is
# none. The tests that need it are #[ignore]d and run only when it is set.
if [[ -z "${AILABEL_CORPUS:-}" ]]; then
  for c in ../shared/corpus ../../shared/corpus; do
    if [[ -f $c/VALIDATION.json ]]; then AILABEL_CORPUS=$(cd "$c" && pwd); break; fi
  done
fi
if [[ -n "${AILABEL_CORPUS:-}" ]]; then
  export AILABEL_CORPUS
fi
