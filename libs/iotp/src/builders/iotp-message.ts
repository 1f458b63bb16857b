import { IOTP_NAMESPACE } from '../xml/limits';
import type { XmlElement } from '../xml/xml-node';
import { el } from './xml-build';

export interface IotpMessageSpec {
  readonly transRefBlk: XmlElement;
  readonly signatures?: XmlElement;
  readonly errorBlk?: XmlElement;
  readonly blocks?: readonly XmlElement[];
}

/** TransRefBlk, IotpSignatures?, ErrorBlk?, trading blocks; xmlns always written (iotp-messages §1.3, §2.1). */
export const buildIotpMessage = (s: IotpMessageSpec): XmlElement => {
  if (!s.errorBlk && !s.blocks?.length)
    throw new RangeError('an IotpMessage needs an ErrorBlk or a trading block');
  return el('IotpMessage', { xmlns: IOTP_NAMESPACE }, [
    s.transRefBlk,
    s.signatures,
    s.errorBlk,
    ...(s.blocks ?? []),
  ]);
};
