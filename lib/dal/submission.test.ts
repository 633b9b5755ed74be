import { describe, expect, it } from 'vitest';
import { ZVerificationRequest } from '@/lib/validations/submission';
import { canonicalJson, receiptVerificationCode, snapshotHash } from './submission';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same hash whatever order the keys arrive in, and another for any change', () => {
    const one = { application: { number: 'PVT-1', version: 3 }, documents: [{ sha256: 'ab', slot: 'x' }] };
    const two = { documents: [{ slot: 'x', sha256: 'ab' }], application: { version: 3, number: 'PVT-1' } };
    expect(snapshotHash(one)).toBe(snapshotHash(two));
    expect(snapshotHash(one)).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshotHash({ ...one, application: { number: 'PVT-1', version: 4 } })).not.toBe(snapshotHash(one));
  });

  it('writes dates as ISO strings, drops undefined keys and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ at: new Date('2026-11-22T15:00:00Z'), gone: undefined, text: 'ñ"' })).toBe('{"at":"2026-11-22T15:00:00.000Z","text":"ñ\\""}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson({ n: 1n })).toThrow();
  });
});

describe('receiptVerificationCode', () => {
  it('is a short, stable code that changes with the snapshot hash', () => {
    const a = receiptVerificationCode('a'.repeat(64));
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(receiptVerificationCode('a'.repeat(64))).toBe(a);
    expect(receiptVerificationCode('b'.repeat(64))).not.toBe(a);
  });
});

describe('ZVerificationRequest', () => {
  it('forgives case and spaces in what people copy from a receipt', () => {
    const parsed = ZVerificationRequest.parse({ number: ' pvt-2026-000123 ', code: 'AB12-CD34-EF56', sha256: ` ${'A'.repeat(64)} ` });
    expect(parsed).toEqual({ number: 'PVT-2026-000123', code: 'ab12cd34ef56', sha256: 'a'.repeat(64) });
  });

  it('explains a malformed hash in Spanish', () => {
    const parsed = ZVerificationRequest.safeParse({ number: 'PVT-1', code: 'x', sha256: 'zz' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/64 caracteres/);
  });
});
