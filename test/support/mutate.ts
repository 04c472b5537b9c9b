// Mutated real files for property tests of line-based parsers: bytes changed, lines dropped or doubled.
import fc from 'fast-check';

/** One edit: a position, a byte, and what to do to the line there. */
export type LineEdit = [at: number, byte: number, kind: 'set' | 'drop' | 'dup'];

/** Which of `fileCount` fixtures to mutate, and up to `maxEdits` edits. */
export function lineMutation(fileCount: number, maxEdits: number) {
  return fc.record({
    file: fc.nat({ max: fileCount - 1 }),
    edits: fc.array(
      fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set' as const, 'drop' as const, 'dup' as const)),
      { maxLength: maxEdits },
    ),
  });
}

/** Applies the edits to the file's lines, in order, and returns the mutated text. */
export function applyLineEdits(bytes: Uint8Array, edits: readonly LineEdit[]): string {
  const lines = new TextDecoder().decode(bytes).split('\n');
  for (const [at, byte, kind] of edits) {
    const i = at % lines.length;
    if (kind === 'drop') lines.splice(i, 1);
    else if (kind === 'dup') lines.splice(i, 0, lines[i]!);
    else {
      const l = lines[i]!;
      const j = l.length === 0 ? 0 : at % l.length;
      lines[i] = l.slice(0, j) + String.fromCharCode(byte) + l.slice(j + 1);
    }
    if (lines.length === 0) lines.push('');
  }
  return lines.join('\n');
}
