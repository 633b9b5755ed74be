import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('counts the hop the proxy appended, not what the client wrote first', () => {
    expect(clientAddress('1.2.3.4, 203.0.113.7', null)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '10.0.0.1')).toBe('203.0.113.7');
    expect(clientAddress(' , ', '10.0.0.1')).toBe('10.0.0.1');
    expect(clientAddress(null, null)).toBeNull();
  });
});
