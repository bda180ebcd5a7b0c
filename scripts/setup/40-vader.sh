#!/usr/bin/env bash
# VADER sentiment (issue 4): fetches the npm package vader-sentiment@1.1.3 (Apache-2.0) into
# .cache/npm/vader-sentiment-1.1.3/package. It holds vader_lexicon.txt (the lexicon our C# scorer loads)
# and the reference JavaScript implementation that Tests/Fixtures/Sentiment/generate-expected.js runs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
echo "    vader: sentiment lexicon and reference implementation (npm vader-sentiment@1.1.3)"
npm_unpack vader-sentiment 1.1.3
lexicon="${STREAMORLEANS_CACHE}/npm/vader-sentiment-1.1.3/package/vader_lexicon.txt"
if [ ! -s "$lexicon" ]; then
  echo "    vader: expected lexicon missing: $lexicon" >&2
  exit 1
fi
echo "    vader: lexicon at $lexicon ($(wc -l < "$lexicon") lines)"
