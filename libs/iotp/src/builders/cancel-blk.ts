import type { XmlElement } from '../xml/xml-node';
import { el } from './xml-build';

/** Cancel Block: just one Status, `Failed` + completion code (iotp-messages §4.6). */
export const buildCancelBlk = (s: { readonly id: string; readonly status: XmlElement }): XmlElement => {
  if (s.status.attrs['ProcessState'] !== 'Failed')
    throw new RangeError('a Cancel Block Status must be Failed');
  return el('CancelBlk', { ID: s.id }, [s.status]);
};
