import type * as Msal from '@azure/msal-node';

let msal: typeof Msal | undefined;

/**
 * MSAL, required on first use: only an on-behalf-of exchange (or reading its failure) needs it, and
 * evaluating it at import cost every cold start (in the production package it is its own chunk in
 * lazy/, docs/performance.md). The same module object every time, so `instanceof AuthError` holds.
 */
export function loadMsal(): typeof Msal {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use on purpose
  return (msal ??= require('@azure/msal-node') as typeof Msal);
}
