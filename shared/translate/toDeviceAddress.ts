import type { Recipient } from '@microsoft/microsoft-graph-types';
import type { Address } from '../protocol/schemas/mail';

/** A Graph recipient as a device address; null when Graph has no emailAddress for it. */
export function toDeviceAddress(recipient: Recipient | null | undefined): Address | null {
  const email = recipient?.emailAddress;
  if (!email) return null;
  return { name: email.name ?? '', address: email.address ?? '' };
}

/** A Graph recipient list (null meaning none) as device addresses, recipients without an address left out. */
export function toDeviceAddresses(recipients: readonly Recipient[] | null | undefined): Address[] {
  return (recipients ?? []).map(toDeviceAddress).filter((address): address is Address => address !== null);
}
