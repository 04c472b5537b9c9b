"""Puts the local copies of the corpus files that are not committed (their licence keeps them out) in test/corpus/local/.

Usage: python3 test/corpus/tools/local-copies.py OWNER/NAME=CLONE_DIR [OWNER/NAME=CLONE_DIR ...]
CLONE_DIR is a clone of https://github.com/OWNER/NAME (a bare .git is enough) that holds the commit the manifest pins.
For every manifest entry marked "committed": false from one of the named repositories, writes that commit's file to
test/corpus/local/<file>; test/corpus/corpus.test.ts then reads it and compares it with its expectation (and skips
it, saying how to get it, while it is absent). test/corpus/.gitignore keeps local/ out of commits.
"""
import json
import os
import sys

from upstream import show

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
clones = dict(arg.split('=', 1) for arg in sys.argv[1:])
if not clones:
    sys.exit(__doc__)
with open(os.path.join(CORPUS, 'manifest.json'), encoding='utf-8') as f:
    manifest = json.load(f)
written = 0
for e in manifest['files']:
    git = clones.get(e['source']['repo'])
    if e.get('committed', True) or git is None:
        continue
    target = os.path.join(CORPUS, 'local', e['file'])
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, 'wb') as out:
        out.write(show(git, e['source']['commit'], e['source']['path']))
    written += 1
print(f'{written} local copies written under {os.path.join(CORPUS, "local")}')
