"""Copies venturehacks/bai2's test files into the corpus with expectations from its own parser.

Usage: BAI2_LIB=LIB python3 venturehacks-bai2.py GIT_DIR COMMIT OUT_DIR > entries.json
GIT_DIR is a clone of https://github.com/venturehacks/bai2 (MIT), LIB its `lib` folder at the same commit (git archive
COMMIT lib), run with ruby. Every test/data/*.bai2 is parsed by Bai2::BaiFile.new with the options upstream's
test/tests/bai2.rb passes for it (integrity checks on): the transactions its type codes call credits or debits,
signed, their amounts in cents, summed per currency (the account's, else the group's, else USD as BAI2 says).
invalid_checksum_eod.bai2 is left out: upstream refuses it for an account control total (49) one cent off its
detail; this project reads such a file with a warning naming the trailer and takes the statement's period as not
covered (README, Coverage), so the two do not compare.
"""
import json
import os
import sys

from upstream import driver, emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1:4]
# The options upstream's own tests parse each file with (test/tests/bai2.rb, setup).
OPTIONS = {
    'test/data/daily_with_summary.bai2': {'num_account_summary_continuation_records': 3},
    'test/data/eod_with_slash_in_text.bai2': {'continuations_slash_delimit_end_of_line_only': True},
}
LEFT_OUT = {'test/data/invalid_checksum_eod.bai2'}
# Loads upstream's library from BAI2_LIB, parses stdin with the options in argv[0] (JSON), prints every transaction.
DRIVER = r'''
require 'json'
$LOAD_PATH.unshift(ENV.fetch('BAI2_LIB'))
require 'bai2'
options = JSON.parse(ARGV[0]).transform_keys(&:to_sym)
file = Bai2::BaiFile.new(STDIN.read, options)
out = file.groups.flat_map do |g|
  g.accounts.flat_map do |a|
    a.transactions.map { |t| [a.currency_code.to_s.empty? ? g.currency_code : a.currency_code, t.amount, t.credit? ? 1 : (t.debit? ? -1 : 0)] }
  end
end
puts JSON.generate(out)
'''

with driver('ruby', '.rb', DRIVER) as run:
    entries = []
    for path in files(GIT, COMMIT, 'test/data/', '.bai2'):
        if path in LEFT_OUT:
            continue
        data = show(GIT, COMMIT, path)
        read = run(json.dumps(OPTIONS.get(path, {})), data=data)
        rows, sums = 0, {}
        for currency, amount, sign in read:
            if sign == 0:
                continue
            rows += 1
            currency = currency or 'USD'
            sums[currency] = sums.get(currency, 0) + sign * int(amount)
        target = f'venturehacks-{path.split("/")[-1]}'
        with open(os.path.join(OUT, target), 'wb') as f:
            f.write(data)
        entries.append({
            'file': f'bai2/{target}', 'format': 'bai2', 'rows': rows, 'sumMinor': sums,
            'source': source('venturehacks/bai2', path, COMMIT, 'MIT'),
            'expected': f'venturehacks/bai2 {COMMIT[:8]} Bai2::BaiFile.new with its tests\' options: credit and debit transactions',
        })
emit(entries)
