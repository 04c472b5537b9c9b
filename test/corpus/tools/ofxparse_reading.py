"""What ofxparse makes of one OFX file, as a corpus expectation: for jseutter-ofxparse.py and the projects that read
OFX through ofxparse (egh-ledger-autosync.py). Needs the `ofxparse` package on PYTHONPATH (with beautifulsoup4, six)."""
import io
import warnings
from decimal import Decimal

from ofxparse import AccountType, OfxParser

warnings.filterwarnings('ignore')
DIGITS = {'JPY': 0, 'KRW': 0}


def expectation(data, reader, reader_at):
    """rows, sumMinor and `expected` (or refused) for `data`, or a reason string when there is nothing to compare.

    The bank accounts' transactions (count and signed sum per currency, as ofxparse reads them) are the expectation.
    A file ofxparse reads as credit-card or investment accounts only is expected refused (this project does not take
    card or investment money for settlements), and so is a file ofxparse refuses for a bad transaction. A file with
    no statement at all, an internal error of ofxparse, and its refusal of an empty ledger balance (which this project
    does not read) give no expectation. `reader` names who reads the file for the `expected` text, `reader_at` the same
    with its version.
    """
    try:
        ofx = OfxParser.parse(io.BytesIO(data))
    except Exception as err:
        # Only ofxparse's own refusals count; an internal error (ofx-v102-empty-tags.ofx) is no expectation.
        if type(err).__name__ != 'OfxParserException' or 'ledger balance' in str(err):
            return f'{type(err).__name__}: {err}'
        return {'rows': 0, 'sumMinor': {}, 'refused': True, 'expected': f'{reader} refuses it: {err}'.strip()}
    bank = [a for a in ofx.accounts if a.type == AccountType.Bank and getattr(a, 'statement', None)]
    other = [a for a in ofx.accounts if a.type in (AccountType.CreditCard, AccountType.Investment) and getattr(a, 'statement', None)]
    if not bank and not other:
        return 'no statement'
    if not bank:
        kinds = ' and '.join(sorted({'credit-card' if a.type == AccountType.CreditCard else 'investment' for a in other}))
        return {'rows': 0, 'sumMinor': {}, 'refused': True,
                'expected': f'{reader} reads it as {kinds} accounts only; this project refuses those: no bank transactions to settle'}
    sums, rows = {}, 0
    for a in bank:
        currency = (a.statement.currency or '').upper()
        for t in a.statement.transactions:
            rows += 1
            sums[currency] = sums.get(currency, 0) + int(Decimal(t.amount) * 10 ** DIGITS.get(currency, 2))
    return {'rows': rows, 'sumMinor': sums, 'expected': f'{reader_at} reads its bank statements: transactions and their amounts'}
