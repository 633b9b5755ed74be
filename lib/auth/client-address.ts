/**
 * The address the per-address throttle counts. A client may write any «X-Forwarded-For» it likes; the
 * proxy in front appends the address it saw, so the last entry is the one nobody outside can forge.
 */
export function clientAddress(forwardedFor: string | null, realIp: string | null): string | null {
  const hops = (forwardedFor ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  return hops.at(-1) ?? realIp?.trim() ?? null;
}
