"""Copies jseutter/ofxparse's test files into the corpus with expectations from ofxparse's own reading of them.

Usage: PYTHONPATH=OFXPARSE_SRC:BS4 python3 jseutter-ofxparse.py GIT_DIR COMMIT OUT_DIR > entries.json
OFXPARSE_SRC is the `ofxparse` package of the same commit (git archive COMMIT ofxparse), BS4 a folder with
beautifulsoup4 and six. For every tests/fixtures/**.ofx: the bank accounts' transactions (count and signed sum per
currency, as ofxparse reads them) are the expectation. Files ofxparse reads as a credit-card or investment account
only are expected to be refused (this project does not take card or investment money for settlements); files
ofxparse refuses for a bad transaction (fail_nice/date_missing, decimal_error) are expected to be refused too. Files
with no statement at all (sign-on only, account listings) and ofxparse's refusal of an empty ledger balance, which
this project does not read, are left out.
"""
import sys

from ofxparse_reading import expectation
from upstream import emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1], sys.argv[2], sys.argv[3]


entries = []
for path in files(GIT, COMMIT, 'tests/fixtures/', '.ofx'):
    data = show(GIT, COMMIT, path)
    found = expectation(data, 'ofxparse', f'ofxparse {COMMIT[:8]}')
    if isinstance(found, str):
        print(f'skipped {path}: {found}', file=sys.stderr)
        continue
    entry = {'format': 'ofx', 'source': source('jseutter/ofxparse', path, COMMIT, 'MIT'), **found}
    name = path.split('/')[-1] if path.count('/') == 2 else path.split('/', 2)[2].replace('/', '-')
    with open(f'{OUT}/{name}', 'wb') as f:
        f.write(data)
    entry['file'] = f'ofx/{name}'
    entries.append(entry)
emit(entries)
