import { describe, expect, test } from 'vitest';
import { maskCard } from './collect';

describe('card numbers', () => {
  test('a full card number keeps only its first six and last four digits', () => {
    expect(maskCard('6222021234567893161')).toBe('622202*********3161');
    expect(maskCard('4111 1111 1111 1111')).toBe('411111******1111');
  });

  test('a masked number, a token or nothing stays as it is', () => {
    expect(maskCard('622202******3161')).toBe('622202******3161');
    expect(maskCard('WNkfzXxdC6HxnCGT')).toBe('WNkfzXxdC6HxnCGT');
    expect(maskCard('7268')).toBe('7268');
    expect(maskCard(null)).toBeNull();
  });
});
