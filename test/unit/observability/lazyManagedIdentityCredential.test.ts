import { lazyManagedIdentityCredential } from '../../../shared/observability/lazyManagedIdentityCredential';

describe('lazyManagedIdentityCredential', () => {
  it('loads @azure/identity and builds the user-assigned credential on the first getToken only', async () => {
    const built: Array<{ clientId?: string }> = [];
    const getToken = jest.fn(async () => ({ token: 't', expiresOnTimestamp: 1 }));
    const load = jest.fn(() => ({
      ManagedIdentityCredential: class {
        constructor(options: { clientId?: string }) {
          built.push(options);
        }
        getToken = getToken;
      },
    }));
    const credential = lazyManagedIdentityCredential('uami-client-id', load);
    expect(load).not.toHaveBeenCalled();
    await credential.getToken('https://monitor.azure.com//.default');
    await credential.getToken(['https://monitor.azure.com//.default']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(built).toEqual([{ clientId: 'uami-client-id' }]);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('needs a client id: Ferry has no system-assigned identity', () => {
    expect(() => lazyManagedIdentityCredential('')).toThrow(TypeError);
  });
});
