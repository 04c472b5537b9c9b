"""Copies deb-sig/double-entry-generator's Chinese bank examples into the corpus with expectations from its own output.

Usage: python3 deb-sig-double-entry-generator.py GIT_DIR COMMIT OUT_DIR > entries.json
For a current-account example whose config drops no transaction (no `ignore: true` rule), the expectation is its
published example-*-output.beancount: the transactions that post to the bank account, and the signed sum of those
postings. The credit-card examples (its *_credit / */credit providers) are expected refused: this project does not
take a card's money for settlements (issue 15). So are the personal payment bills (Alipay, WeChat as CSV and as
.xlsx, JD): it reads them with its alipay, wechat and jd providers; this project settles a merchant's bills, and
refuses a person's with what to download instead. Examples whose config drops transactions, and the securities
firms' statements (their output books trades, not cash lines), are left out.
"""
import re
import sys

from upstream import emit, show as show_at, source as source_of

GIT, COMMIT, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
# (records, output, the bank account the output posts to, format this project reads it as)
CURRENT = [
    ('example/abc_debit/example-abc_debit-records.csv', 'example/abc_debit/example-abc_debit-output.beancount', 'Assets:ABC:DebitCard', 'cn-bank-csv'),
    ('example/cmb/debit/example-cmb-records.csv', 'example/cmb/debit/example-cmb-debit-output.beancount', 'Assets:DebitCard:CMB', 'cn-bank-csv'),
    ('example/spdb_debit/example-spdb_debit-records.xls', 'example/spdb_debit/example-spdb_debit-output.beancount', 'Assets:DebitCard:SPB1234', 'cn-bank-xls'),
]
CARDS = [
    ('example/boc/credit/example-boc-records.csv', 'cn-card-statement'),
    ('example/bocom_credit/example-bocom_credit-records.csv', 'cn-card-statement'),
    ('example/cgb_credit/example-cgb_credit-records.csv', 'cn-card-statement'),
    ('example/citic/credit/example-citic-records.xls', 'cn-bank-xls'),
    ('example/cmb/credit/example-cmb-records.csv', 'cn-card-statement'),
    ('example/icbc/credit/example-icbc-credit-records.csv', 'cn-card-statement'),
]
PERSONAL = [
    ('example/alipay/example-alipay-records.csv', 'alipay-personal'),
    ('example/jd/example-jd-records.csv', 'jd-personal'),
    ('example/wechat/example-wechat-records.csv', 'wechat-personal'),
    ('example/wechat/example-wechat-records.xlsx', 'wechat-personal'),
]


def show(path):
    return show_at(GIT, COMMIT, path)


def target(path):
    return path[len('example/'):].replace('/', '-').replace('example-', '')


def source(path):
    return source_of('deb-sig/double-entry-generator', path, COMMIT, 'Apache-2.0')


entries = []
for records, output, account, fmt in CURRENT:
    config = show(records.rsplit('/', 1)[0] + '/config.yaml').decode()
    if 'ignore: true' in config:
        continue
    rows, total = 0, 0
    for block in re.split(r'\n(?=\d{4}-\d{2}-\d{2} [*!])', show(output).decode()):
        postings = re.findall(r'^\s+' + re.escape(account) + r'\s+(-?[\d.]+) CNY', block, re.M)
        if re.match(r'\d{4}-\d{2}-\d{2} [*!]', block) and postings:
            rows += 1
            total += sum(round(float(p) * 100) for p in postings)
    with open(f'{OUT}/{target(records)}', 'wb') as f:
        f.write(show(records))
    entries.append({'file': f'cn-bank/{target(records)}', 'format': fmt, 'rows': rows, 'sumMinor': {'CNY': total}, 'source': source(records),
                    'expected': f'double-entry-generator {output}: transactions posting to {account}, and their sum'})
for records, fmt in CARDS:
    with open(f'{OUT}/{target(records)}', 'wb') as f:
        f.write(show(records))
    entries.append({'file': f'cn-bank/{target(records)}', 'format': fmt, 'rows': 0, 'sumMinor': {}, 'refused': True, 'source': source(records),
                    'expected': 'double-entry-generator reads it with a credit-card provider; this project refuses card statements'})
for records, fmt in PERSONAL:
    with open(f'{OUT}/{target(records)}', 'wb') as f:
        f.write(show(records))
    entries.append({'file': f'cn-bank/{target(records)}', 'format': fmt, 'rows': 0, 'sumMinor': {}, 'refused': True, 'source': source(records),
                    'expected': 'double-entry-generator reads it as a personal bill; this project refuses personal bills, naming the merchant bill to download'})
emit(entries)
