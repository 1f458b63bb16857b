import type { SchemePackagedContent } from '../../../common/src/payment-bridge';
import { PAYLOAD_CONTENT, PAYLOAD_TRANSFORM } from './json-payload';
import { PayloadError } from './payload-error';

/** One hash/secret message as a PackagedContent (profile §3.2). */
export function packagedContent(name: string, value: string): SchemePackagedContent {
  return { name, content: PAYLOAD_CONTENT, transform: PAYLOAD_TRANSFORM, value };
}

/**
 * The text of the only PackagedContent, which must carry `name` with the right Content/Transform;
 * anything else is malformed scheme data (EncapProtErr, profile §3.3.5).
 */
export function singlePayload(schemeIn: readonly SchemePackagedContent[], name: string): string {
  if (schemeIn.length !== 1) throw new PayloadError(`expected exactly one PackagedContent "${name}"`);
  const [only] = schemeIn;
  if (only.name !== name) throw new PayloadError(`expected PackagedContent "${name}"`);
  if (only.content !== PAYLOAD_CONTENT || only.transform !== PAYLOAD_TRANSFORM) {
    throw new PayloadError(
      `"${name}" must have Content="${PAYLOAD_CONTENT}" Transform="${PAYLOAD_TRANSFORM}"`,
    );
  }
  return only.value;
}
