"""Reading one pinned commit of an upstream repository, for the corpus scripts beside this file."""
import json
import subprocess
import sys


def show(git, commit, path):
    """The bytes of `path` at `commit` in the repository whose git directory is `git`."""
    return subprocess.run(['git', '--git-dir', git, 'show', f'{commit}:{path}'], check=True, capture_output=True).stdout


def files(git, commit, folder, suffix):
    """The paths under `folder` at `commit` that end with `suffix`, sorted."""
    names = subprocess.run(['git', '--git-dir', git, 'ls-tree', '-r', '--name-only', commit, folder], check=True, capture_output=True, text=True).stdout
    return sorted(n for n in names.split('\n') if n.endswith(suffix))


def source(repo, path, commit, license):
    """The `source` of a manifest entry."""
    return {'repo': repo, 'path': path, 'commit': commit, 'license': license}


def emit(entries):
    """Prints the manifest entries as JSON, for merging into test/corpus/manifest.json."""
    json.dump(entries, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write('\n')
