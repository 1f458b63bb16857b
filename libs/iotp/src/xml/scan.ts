/** What a scan of an unparsable body found (profile §1.5); every field is optional. */
export interface ScannedTransRef {
  id?: string;
  version?: string;
  iotpTransId?: string;
  iotpTransType?: string;
  transTimeStamp?: string;
  /** `MsgId/@ID` */
  msgId?: string;
}

const SCAN_BYTES = 65_536;
const ATTRIBUTE = /([A-Za-z_:][-A-Za-z0-9_.:]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const TRANS_ID_FIELDS: Readonly<Record<string, keyof ScannedTransRef>> = {
  ID: 'id',
  Version: 'version',
  IotpTransId: 'iotpTransId',
  IotpTransType: 'iotpTransType',
  TransTimeStamp: 'transTimeStamp',
};

/**
 * Best effort (a SHOULD of profile §1.5): the first `<TransId …>` and `<MsgId …>` start tags in the first
 * 64 KiB, decoded as UTF-8 with replacement, so the Error message can echo the transaction.
 */
export function scanTransRef(body: Uint8Array): ScannedTransRef {
  const head = new TextDecoder('utf-8').decode(body.subarray(0, SCAN_BYTES));
  const found: ScannedTransRef = {};
  const transId = startTagAttributes(head, 'TransId');
  if (transId) {
    for (const [name, value] of transId) {
      const field = TRANS_ID_FIELDS[name];
      if (
        field !== undefined &&
        Object.prototype.hasOwnProperty.call(TRANS_ID_FIELDS, name) &&
        !(field in found)
      ) {
        found[field] = value;
      }
    }
  }
  const msgId = startTagAttributes(head, 'MsgId')?.find(([name]) => name === 'ID');
  if (msgId) found.msgId = msgId[1];
  return found;
}

function startTagAttributes(text: string, tag: string): [string, string][] | undefined {
  const m = new RegExp(`<${tag}(?=[\\s/>])([^<>]*)`).exec(text);
  if (!m) return undefined;
  const result: [string, string][] = [];
  for (const a of m[1].matchAll(ATTRIBUTE)) result.push([a[1], lenientValue(a[2] ?? a[3])]);
  return result;
}

/** Attribute normalisation of §1.2, but unknown references are left as written instead of failing. */
function lenientValue(raw: string): string {
  return raw
    .replace(/[\t\n\r]/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});/g, (ref, body: string) => {
      if (body[0] !== '#') return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[body] ?? ref;
      const cp = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : ref;
    });
}
