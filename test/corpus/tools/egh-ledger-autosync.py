"""Expectations for egh/ledger-autosync's fixtures (GPL-3.0: the files are NOT committed here, only what is expected).

Usage: PYTHONPATH=LEDGERAUTOSYNC_SRC:OFXPARSE_SRC python3 egh-ledger-autosync.py GIT_DIR COMMIT CORPUS_FILES_DIR > entries.json
GIT_DIR is a clone of https://github.com/egh/ledger-autosync, LEDGERAUTOSYNC_SRC its `ledgerautosync` package at
COMMIT (git archive COMMIT ledgerautosync), OFXPARSE_SRC the `ofxparse` package of ofxparse 0.21 (the version its
poetry.lock pins), with beautifulsoup4 and six. Prints one manifest entry per fixture, marked "committed": false;
test/corpus/tools/local-copies.py puts the files themselves in test/corpus/local/ for the corpus test to check.
- fixtures/*.ofx: read by ofxparse, the reader ledger-autosync converts from (see ofxparse_reading.py). A fixture
  with the same bytes as a committed corpus file (its copies of ofxparse's own) is left out: counted once.
- fixtures/paypal.csv: read by ledger-autosync's own PaypalConverter (as its test_converter.py does, csv.Sniffer and
  skipinitialspace): the rows it converts and the amount it posts to the PayPal account, per currency.
  paypal_alternate.csv is left out: it names no currency (ledger-autosync assumes "$"), so no amount can be compared.
"""
import csv
import io
import os
import sys
from decimal import Decimal

from ledgerautosync.converter import CsvConverter, PaypalConverter

from ofxparse_reading import expectation
from upstream import emit, files, show, source

GIT, COMMIT, CORPUS = sys.argv[1:4]
REPO = 'egh/ledger-autosync'


def committed_bytes():
    found = set()
    for folder, _, names in os.walk(CORPUS):
        for n in names:
            with open(os.path.join(folder, n), 'rb') as f:
                found.add(f.read())
    return found


def uncommitted(path, fmt, found):
    return {'file': f'ledger-autosync/{path.split("/")[-1]}', 'format': fmt, 'committed': False,
            'source': source(REPO, path, COMMIT, 'GPL-3.0-or-later'), **found}


entries = []
already = committed_bytes()
for path in files(GIT, COMMIT, 'fixtures/', '.ofx'):
    data = show(GIT, COMMIT, path)
    found = expectation(data, 'ofxparse 0.21 (ledger-autosync\'s reader)', 'ofxparse 0.21 (ledger-autosync\'s reader)')
    if data in already or isinstance(found, str):
        print(f'skipped {path}: {"committed already" if data in already else found}', file=sys.stderr)
        continue
    entries.append(uncommitted(path, 'ofx', found))

path = 'fixtures/paypal.csv'
text = show(GIT, COMMIT, path).decode()
dialect = csv.Sniffer().sniff(text[:1024])
dialect.skipinitialspace = True
reader = csv.DictReader(io.StringIO(text), dialect=dialect)
converter = CsvConverter.make_converter(set(reader.fieldnames), reader.dialect, 'PayPal')
assert isinstance(converter, PaypalConverter), type(converter)
rows, sums = 0, {}
for row in reader:
    txn = converter.convert(row)
    if not txn:
        continue
    rows += 1
    amount = txn.postings[0].amount
    sums[amount.currency] = sums.get(amount.currency, 0) + int(amount.number * 100 * (-1 if amount.reverse else 1))
entries.append(uncommitted(path, 'paypal-activity', {'rows': rows, 'sumMinor': sums,
               'expected': f'ledger-autosync {COMMIT[:8]} PaypalConverter: the rows it converts and what it posts to the PayPal account'}))
emit(entries)
