"""Copies svenstaro/mt940-rs's test statements into the corpus with expectations from upstream's own .json dumps.

Usage: python3 svenstaro-mt940-rs.py GIT_DIR COMMIT OUT_DIR CORPUS_MT940_DIR > entries.json
GIT_DIR is a clone of https://github.com/svenstaro/mt940-rs. For every tests/data/mt940/full/<group>/<name>.sta with a
<name>.json beside it (the messages upstream's integration test asserts parse_mt940 returns), writes
OUT_DIR/rs-<group>-<name>.sta unchanged and prints one manifest entry: the statement lines and their signed sum per
currency (the opening balance's), signed by the mark in the file as SWIFT books it: D and RC (reversal of a credit) take
money out, C and RD put it in. Upstream names mark RC `ReverseDebit` and RD `ReverseCredit` (src/lib.rs, from_str), so
the sign is taken from those names swapped back. A statement already in the corpus is left out, counted once: a file
whose statement lines (:61:, up to whitespace) all appear in one file of CORPUS_DIR or in one taken before it (upstream
copies WoLpH/mt940's files, some edited by a line or cut in two).
"""
import json
import os
import sys
from decimal import Decimal

from mt940_lines import Seen
from upstream import emit, files, show, source

GIT, COMMIT, OUT, CORPUS = sys.argv[1:5]
DIGITS = {'JPY': 0, 'KRW': 0, 'BHD': 3, 'KWD': 3, 'JOD': 3, 'OMR': 3, 'TND': 3}
SIGN = {'Credit': 1, 'ReverseCredit': 1, 'Debit': -1, 'ReverseDebit': -1}


seen = Seen(CORPUS, 'rs-')

dumps = set(files(GIT, COMMIT, 'tests/data/mt940/full/', '.json'))
entries = []
for path in files(GIT, COMMIT, 'tests/data/mt940/full/', '.sta'):
    dump = path[:-4] + '.json'
    if dump not in dumps:
        continue
    data = show(GIT, COMMIT, path)
    if not seen.take(data):
        print(f'skipped {path}: already in the corpus', file=sys.stderr)
        continue
    rows, sums = 0, {}
    for message in json.loads(show(GIT, COMMIT, dump)):
        currency = message['opening_balance']['iso_currency_code']
        for line in message['statement_lines']:
            rows += 1
            minor = int(Decimal(line['amount']) * 10 ** DIGITS.get(currency, 2))
            sums[currency] = sums.get(currency, 0) + SIGN[line['ext_debit_credit_indicator']] * minor
    group, name = path.split('/')[-2:]
    target = f'rs-{group}-{name}'
    with open(os.path.join(OUT, target), 'wb') as f:
        f.write(data)
    entries.append({
        'file': f'mt940/{target}', 'format': 'mt940', 'rows': rows, 'sumMinor': sums,
        'source': source('svenstaro/mt940-rs', path, COMMIT, 'MIT'),
        'expected': f'svenstaro/mt940-rs {dump}: the statement lines parse_mt940 returns, signed by their D/C mark',
    })
emit(entries)
