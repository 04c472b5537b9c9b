"""Copies railslove/cmxl's test statements into the corpus with expectations from its own parser.

Usage: CMXL_LIB=LIB python3 railslove-cmxl.py GIT_DIR COMMIT OUT_DIR CORPUS_MT940_DIR > entries.json
GIT_DIR is a clone of https://github.com/railslove/cmxl (MIT), LIB its `lib` folder at the same commit (git archive
COMMIT lib), run with ruby (and the rchardet gem it requires). For every spec/fixtures/*.txt (a whole MT940 or MT942
file; spec/fixtures/lines/ holds single fields): the transactions of the statements Cmxl.parse returns, signed by
their `sign`, in cents (amount_in_cents), summed per statement currency: its opening or closing balance's, or for
an MT942 its floor limit's (:34F:). One file is expected refused: mt940-headers.txt dates its :61: 362268 and its
:62F: 141387 (months 22 and 13); cmxl reads the amounts regardless, this project refuses a line it cannot date,
naming it. A fragment with no :20: (statement-details-*.txt), a file with no transaction, one whose statements name
no currency, and a statement already in the corpus (see mt940_lines.py) are left out.
"""
import os
import sys

from mt940_lines import Seen
from upstream import driver, emit, files, show, source

GIT, COMMIT, OUT, CORPUS = sys.argv[1:5]
# Loads upstream's library from CMXL_LIB, parses stdin, prints each statement's currency and signed amounts in cents.
DRIVER = r'''
require 'json'
$LOAD_PATH.unshift(ENV.fetch('CMXL_LIB'))
require 'cmxl'
out = Cmxl.parse(STDIN.read.force_encoding('binary')).map do |s|
  currency = (s.opening_balance || s.closing_balance)&.currency || s.field(34)&.data&.fetch('currency', nil)
  { 'currency' => currency, 'cents' => s.transactions.map { |t| t.sign * t.amount_in_cents } }
end
puts JSON.generate(out)
'''

REFUSED = {'spec/fixtures/mt940-headers.txt': 'cmxl reads it, but its :61: value date 362268 and :62F: date 141387 are no dates; this project refuses the lines it cannot date'}
seen = Seen(CORPUS, 'cmxl-rb-')
with driver('ruby', '.rb', DRIVER) as run:
    entries = []
    for path in files(GIT, COMMIT, 'spec/fixtures/', '.txt'):
        if path.count('/') != 2:
            continue
        data = show(GIT, COMMIT, path)
        statements = run(data=data)
        rows, sums = 0, {}
        for s in statements:
            for cents in s['cents']:
                rows += 1
                sums[s['currency']] = sums.get(s['currency'], 0) + cents
        if b':20:' not in data or rows == 0 or None in sums or not seen.take(data):
            print(f'skipped {path}: a fragment, no transaction, no currency, or already in the corpus', file=sys.stderr)
            continue
        target = f'cmxl-rb-{path.split("/")[-1][:-4]}.sta'
        with open(os.path.join(OUT, target), 'wb') as f:
            f.write(data)
        entry = {'file': f'mt940/{target}', 'format': 'mt940', 'rows': rows, 'sumMinor': sums,
                 'source': source('railslove/cmxl', path, COMMIT, 'MIT'),
                 'expected': f'railslove/cmxl {COMMIT[:8]} Cmxl.parse: its statements\' transactions, sign * amount_in_cents'}
        if path in REFUSED:
            entry.update(rows=0, sumMinor={}, refused=True, expected=REFUSED[path])
        entries.append(entry)
emit(entries)
