// The passphrase of a replica file, on the command line: from --passphrase-file (its first line), or asked
// on the terminal with nothing echoed. Never from an argument (it would stay in the shell's history and
// show in the process list) and never from a pipe without the option (a script should say where it is).
import { readFileSync } from 'node:fs';

/** Why no passphrase could be had; the message says what to do. */
export class PassphraseError extends Error {}

/** The first line of a passphrase file (without its line ending); an empty one is refused. */
export function passphraseFromFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PassphraseError(`${path}: cannot read the passphrase file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (!first) throw new PassphraseError(`${path}:1: the passphrase file's first line is empty`);
  return first;
}

/** Asks for a passphrase on the terminal without echoing it (twice when `confirm`: a typo would lock the file). */
export async function askPassphrase(confirm: boolean): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new PassphraseError('no passphrase: give --passphrase-file FILE, or run this on a terminal to be asked for it');
  const first = await readHidden('Passphrase: ');
  if (!first) throw new PassphraseError('the passphrase is empty');
  if (confirm && (await readHidden('Passphrase again: ')) !== first) throw new PassphraseError('the two passphrases differ');
  return first;
}

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003' || ch === '\u0004') return done(new PassphraseError('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
