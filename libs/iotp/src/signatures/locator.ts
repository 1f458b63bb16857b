export interface LocatorTarget {
  /** `undefined` when the href names no transaction: the element is in the current one. */
  iotpTransId: string | undefined;
  elementId: string;
}

/**
 * iotp-messages §5.12: join `LocatorHRefBase` and `href` (adding `#` only when neither side has one at the
 * junction), drop a leading `iotp:`, split at the last `#`.
 */
export function resolveLocator(href: string, base?: string): LocatorTarget {
  let full = href;
  if (base) full = base.endsWith('#') || href.startsWith('#') ? base + href : `${base}#${href}`;
  if (full.startsWith('iotp:')) full = full.slice(5);
  const hash = full.lastIndexOf('#');
  if (hash === -1) return { iotpTransId: undefined, elementId: full };
  return { iotpTransId: full.slice(0, hash), elementId: full.slice(hash + 1) };
}

/** What the profile emits (§2.4.4): `<IotpTransId>#<ID>`, no base. */
export const locatorHref = (iotpTransId: string, elementId: string): string => `${iotpTransId}#${elementId}`;
