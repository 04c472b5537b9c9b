"""Reading one pinned commit of an upstream repository, for the corpus scripts beside this file."""
import json
import subprocess
import sys
import tempfile
from contextlib import contextmanager


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


@contextmanager
def driver(command, suffix, code):
    """Runs `code`, a small script of this project's that calls an upstream parser, with `command` (php, ruby).

    Yields run(*args, data=b''): runs the script with those arguments and `data` on stdin, returns its JSON output."""
    with tempfile.NamedTemporaryFile('w', suffix=suffix) as script:
        script.write(code)
        script.flush()

        def run(*args, data=b''):
            return json.loads(subprocess.run([command, script.name, *args], input=data, check=True, capture_output=True).stdout)

        yield run
