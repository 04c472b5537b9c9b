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
import io
import sys
import warnings
from decimal import Decimal

from ofxparse import AccountType, OfxParser

from upstream import emit, files, show, source

warnings.filterwarnings('ignore')
GIT, COMMIT, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
DIGITS = {'JPY': 0, 'KRW': 0}


entries = []
for path in files(GIT, COMMIT, 'tests/fixtures/', '.ofx'):
    data = show(GIT, COMMIT, path)
    entry = {'format': 'ofx', 'source': source('jseutter/ofxparse', path, COMMIT, 'MIT')}
    try:
        ofx = OfxParser.parse(io.BytesIO(data))
    except Exception as err:
        # Only ofxparse's own refusals count; an internal error (ofx-v102-empty-tags.ofx) is no expectation.
        if type(err).__name__ != 'OfxParserException' or 'ledger balance' in str(err):
            print(f'skipped {path}: {type(err).__name__}: {err}', file=sys.stderr)
            continue
        entry.update(rows=0, sumMinor={}, refused=True, expected=f'ofxparse refuses it: {err}'.strip())
    else:
        bank = [a for a in ofx.accounts if a.type == AccountType.Bank and getattr(a, 'statement', None)]
        other = [a for a in ofx.accounts if a.type in (AccountType.CreditCard, AccountType.Investment) and getattr(a, 'statement', None)]
        if not bank and not other:
            continue
        sums, rows = {}, 0
        for a in bank:
            currency = (a.statement.currency or '').upper()
            for t in a.statement.transactions:
                rows += 1
                sums[currency] = sums.get(currency, 0) + int(Decimal(t.amount) * 10 ** DIGITS.get(currency, 2))
        if bank:
            entry.update(rows=rows, sumMinor=sums, expected=f'ofxparse {COMMIT[:8]} reads its bank statements: transactions and their amounts')
        else:
            kinds = ' and '.join(sorted({'credit-card' if a.type == AccountType.CreditCard else 'investment' for a in other}))
            entry.update(rows=0, sumMinor={}, refused=True, expected=f'ofxparse reads it as {kinds} accounts only; this project refuses those: no bank transactions to settle')
    name = path.split('/')[-1] if path.count('/') == 2 else path.split('/', 2)[2].replace('/', '-')
    with open(f'{OUT}/{name}', 'wb') as f:
        f.write(data)
    entry['file'] = f'ofx/{name}'
    entries.append(entry)
emit(entries)
