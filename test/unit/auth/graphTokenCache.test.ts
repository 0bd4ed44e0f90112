import { createGraphTokenCache } from '../../../shared/auth/graphTokenCache';

describe('createGraphTokenCache', () => {
  it('returns a token until the moment it stops being usable', () => {
    const cache = createGraphTokenCache({ maxEntries: 10 });
    cache.set('k', 'token', 1000);
    expect(cache.get('k', 999)).toBe('token');
    expect(cache.get('k', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops a token Graph refused', () => {
    const cache = createGraphTokenCache({ maxEntries: 10 });
    cache.set('k', 'token', 1000);
    cache.set('other', 'token2', 1000);
    cache.delete('k');
    expect(cache.get('k', 0)).toBeUndefined();
    expect(cache.get('other', 0)).toBe('token2');
    expect(cache.size).toBe(1);
  });

  it('drops the oldest entry past its bound', () => {
    const cache = createGraphTokenCache({ maxEntries: 2 });
    cache.set('a', 'A', 1000);
    cache.set('b', 'B', 1000);
    cache.set('a', 'A2', 1000); // rewriting makes `a` the newest
    cache.set('c', 'C', 1000);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBe('A2');
    expect(cache.get('c', 0)).toBe('C');
  });

  it('never holds more than its bound', () => {
    const cache = createGraphTokenCache({ maxEntries: 100 });
    for (let i = 0; i < 1000; i += 1) cache.set(`k${i}`, 't', 1000);
    expect(cache.size).toBe(100);
    expect(cache.get('k999', 0)).toBe('t');
    expect(cache.get('k899', 0)).toBeUndefined();
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createGraphTokenCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
