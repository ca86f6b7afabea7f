import { describe, expect, it } from 'vitest';
import { hashPhone, maskPhone, redactPhones } from '../../shared/domain/security/privacy.ts';

describe('phone privacy helpers', () => {
  it('masks a phone to its first and last two digits', () => {
    expect(maskPhone('+14155550142')).toBe('+1********42');
    expect(maskPhone(undefined)).toBe('(none)');
  });

  it('redacts every phone-like run in free text, whatever its format', () => {
    const text = 'publish to +14155550142 failed; also (415) 555-0142 and 4155550142, code 123';
    const out = redactPhones(text);
    for (const leak of ['4155550142', '555-0142', '555 0142']) expect(out).not.toContain(leak);
    expect(out).toContain('code 123');
  });

  it('hashes a phone with a key: stable for one key, different for another, never the number', () => {
    const a = hashPhone('+14155550142', 'key-a');
    expect(hashPhone('+14155550142', 'key-a')).toBe(a);
    expect(hashPhone('+14155550142', 'key-b')).not.toBe(a);
    expect(a).not.toContain('4155550142');
  });
});
