"""Telling one MT940 statement from another, for the corpus scripts that take MT940 files from several projects (many
copy one another's files, some edited by a line or cut in two): a file counts once."""
import os
import re


def lines_61(data):
    """The statement lines (:61:) of an MT940 text, up to whitespace."""
    return {re.sub(rb'\s+', b'', m) for m in re.findall(rb'^:61:[^\r\n]*', data, re.M)}


class Seen:
    """The statement lines of every .sta file in a folder (but those named `own` + ..., a script's own earlier output,
    so that it regenerates the same entries), and of every file taken since."""

    def __init__(self, folder, own):
        self.files = []
        for name in sorted(os.listdir(folder)):
            if name.endswith('.sta') and not name.startswith(own):
                with open(os.path.join(folder, name), 'rb') as f:
                    self.files.append(lines_61(f.read()))

    def take(self, data):
        """False when all of `data`'s statement lines are in one file seen already; else remembers them, True."""
        mine = lines_61(data)
        if any(mine <= other for other in self.files):
            return False
        self.files.append(mine)
        return True
