import type { RouteDefinition } from './routeTable';
import type { GraphSimFlags, SimServices } from './simContext';
import type { StoreKey } from './resourceStores';

/** The part of a mailbox spec every resource understands: whose it is and which seed makes it. */
export interface UserSpec {
  /** UPN or oid of a dev user (dev/directory.ts). */
  user: string;
  /** Overrides the simulator's seed for this user's data. */
  seed?: number;
}

/** What a resource's store factory gets: the specs (undefined: the resource's own defaults), seed, clock. */
export interface CreateStoresInput<Spec extends UserSpec> {
  seed: number;
  specs?: readonly Spec[];
  now: () => number;
  anchorInMs?: number;
}

/**
 * One Graph resource as the simulator hosts it (mail now; calendar and contacts next): its rows of the
 * route table, its per-user store and the flags it reads. Registered in dev/graphSim/simResources.ts;
 * the core (HTTP, auth, `$batch`, delta engine, faults) needs no change for a new one.
 */
export interface SimResource<Spec extends UserSpec = UserSpec, Store = unknown, State extends object = object> {
  /** Names the resource in errors and logs, e.g. `mail`. */
  name: string;
  /** Routes below the user segment (`/me/` or `/users/{id}/`). */
  routes: readonly RouteDefinition[];
  /** The resource's data, per user; absent for a resource that keeps none (`/me`). */
  store?: {
    key: StoreKey<Store>;
    /** Builds the stores of the users in `input.specs`, by oid; the same input gives the same data. */
    create(input: CreateStoresInput<Spec>): Map<string, Store>;
  };
  /** Defaults of the flags the resource added to GraphSimFlags (all off). */
  flags?: Partial<GraphSimFlags>;
  /** What the resource adds to `sim.state` (inspection, outside changes). */
  state?(sim: SimServices): State;
}
