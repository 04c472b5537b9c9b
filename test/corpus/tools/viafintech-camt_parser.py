"""Copies viafintech/camt_parser's test documents into the corpus with expectations from its own parser.

Usage: CAMT_PARSER_LIB=LIB python3 viafintech-camt_parser.py GIT_DIR COMMIT OUT_DIR > entries.json
GIT_DIR is a clone of https://github.com/viafintech/camt_parser (MIT), LIB its `lib` folder at the same commit (git
archive COMMIT lib), run with ruby and nokogiri. For every spec/fixtures/<052|053|054>/*.xml: the entries of the
reports, statements or notifications CamtParser::String.parse returns, each `sign * amount_in_cents`, summed per
entry currency. As for genkgo/camt, pending (PDNG) and information-only (INFO) entries are left out, by the entry's
status (upstream's `booked?` reads Sts/text() only, so it says false for a camt.053.001.08 <Sts><Cd>BOOK</Cd>; the
status is taken from either form). The valid_namespace.xml files and spec/fixtures/general/ are empty documents that
test namespace detection, not statements: left out.
"""
import os
import sys

from upstream import driver, emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1:4]
# Loads upstream's library from CAMT_PARSER_LIB, parses stdin, prints every entry's currency, signed cents and status.
DRIVER = r'''
require 'json'
$LOAD_PATH.unshift(ENV.fetch('CAMT_PARSER_LIB'))
require 'camt_parser'
doc = CamtParser::String.parse(STDIN.read)
groups = [:statements, :reports, :notifications].map { |m| doc.respond_to?(m) ? doc.public_send(m) : nil }.compact.first
out = groups.flat_map do |g|
  g.entries.map do |e|
    status = e.xml_data.xpath('Sts/text()').text.strip
    status = e.xml_data.xpath('Sts/Cd/text()').text.strip if status.empty?
    [e.currency, e.sign * e.amount_in_cents, status]
  end
end
puts JSON.generate(out)
'''

with driver('ruby', '.rb', DRIVER) as run:
    entries = []
    for path in files(GIT, COMMIT, 'spec/fixtures/', '.xml'):
        kind = path.split('/')[2]
        if kind not in ('052', '053', '054') or path.endswith('/valid_namespace.xml'):
            continue
        data = show(GIT, COMMIT, path)
        read = run(data=data)
        rows, sums = 0, {}
        for currency, cents, status in read:
            if status.upper() in ('PDNG', 'INFO'):
                continue
            rows += 1
            sums[currency] = sums.get(currency, 0) + cents
        target = f'camt_parser-{kind}-{path.split("/")[-1]}'
        with open(os.path.join(OUT, target), 'wb') as f:
            f.write(data)
        entries.append({
            'file': f'camt/{target}', 'format': 'camt053', 'rows': rows, 'sumMinor': sums,
            'source': source('viafintech/camt_parser', path, COMMIT, 'MIT'),
            'expected': f'viafintech/camt_parser {COMMIT[:8]} CamtParser::String.parse: entries not pending, sign * amount_in_cents',
        })
emit(entries)
