// The payment scheme a k6 script loads: SCHEME=hash-secret (default; profile §3.3) or set-like (the
// SET-like card scheme, VISA/MasterCard with SETv1.0; profile §3.4). Both record the same metrics.
import { pay } from './common.js';
import { paySetLike } from './set-like.js';

export const SCHEMES = ['hash-secret', 'set-like'];
export const SCHEME = __ENV.SCHEME || 'hash-secret';
if (!SCHEMES.includes(SCHEME)) throw new Error(`SCHEME must be one of ${SCHEMES.join(', ')}`);

/** One complete payment of the selected scheme. */
export async function payment() {
  if (SCHEME === 'set-like') await paySetLike();
  else pay();
}
