import { parseAuthenticationString } from '../../../shared/observability/parseAuthenticationString';

describe('parseAuthenticationString', () => {
  it.each([
    ['Authorization=AAD;ClientId=a1d00000-0000-4000-8000-0000000a1d00', { aad: true, clientId: 'a1d00000-0000-4000-8000-0000000a1d00' }],
    ['ClientId=abc;Authorization=AAD', { aad: true, clientId: 'abc' }],
    ['authorization=aad; clientid=abc ', { aad: true, clientId: 'abc' }],
    ['Authorization=AAD', { aad: true }],
    ['ClientId=abc', { aad: false }],
    ['Authorization=Key', { aad: false }],
    ['garbage', { aad: false }],
    ['', { aad: false }],
    [undefined, { aad: false }],
  ])('%s', (value, expected) => {
    expect(parseAuthenticationString(value)).toEqual(expected);
  });
});
