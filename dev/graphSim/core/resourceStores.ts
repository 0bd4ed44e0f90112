/**
 * A typed handle on one resource's stores: `storeKey<MailboxStore>('mail')`. The type parameter only
 * ties `get` and `set` together at compile time; at run time the key is its name.
 */
export interface StoreKey<Store> {
  readonly name: string;
  /** Never set: carries the store type. */
  readonly store?: Store;
}

export function storeKey<Store>(name: string): StoreKey<Store> {
  return { name };
}

/**
 * Every registered resource's per-user data, by resource and user oid. The core never looks inside a
 * store; a user without a store of some resource is one that resource treats as not provisioned.
 */
export class ResourceStores {
  private readonly byResource = new Map<string, Map<string, unknown>>();

  get<Store>(key: StoreKey<Store>, oid: string): Store | undefined {
    return this.byResource.get(key.name)?.get(oid) as Store | undefined;
  }

  set<Store>(key: StoreKey<Store>, oid: string, store: Store): void {
    let stores = this.byResource.get(key.name);
    if (!stores) this.byResource.set(key.name, (stores = new Map()));
    stores.set(oid, store);
  }
}
