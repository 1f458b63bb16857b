import { PAYMENT_API_NAMESPACE } from '../codes/namespace';
import type { PackagedContent } from '../schema/packaged-content';
import { compiled, type CompiledElement } from './compiled-specs';
import type { IotpPaymentApiRequest, IotpPaymentApiResponse } from './envelope';
import { escapeAttr, escapeText } from './xml-text';

/** A typed value that cannot be written (a required attribute or child is missing). A bug, not input. */
export class PaymentApiEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentApiEncodeError';
  }
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
type Fields = Readonly<Record<string, unknown>>;

/** Typed request → XML text of `<IotpPaymentApiRequest>` (compact, attributes in DTD order). */
export function encodePaymentApiRequest(env: IotpPaymentApiRequest): string {
  const { call, ...fields } = env.request;
  return (
    DECLARATION +
    openRoot('IotpPaymentApiRequest', env) +
    element(compiled(call), fields) +
    '</IotpPaymentApiRequest>'
  );
}

/** Typed response → XML text of `<IotpPaymentApiResponse>` (ErrorResponse first, then the result). */
export function encodePaymentApiResponse(env: IotpPaymentApiResponse): string {
  let body = '';
  if (env.ErrorResponse) body += element(compiled('ErrorResponse'), env.ErrorResponse);
  if (env.response) {
    const { call, ...fields } = env.response;
    body += element(compiled(`${call}Response`), fields);
  }
  return DECLARATION + openRoot('IotpPaymentApiResponse', env) + body + '</IotpPaymentApiResponse>';
}

function openRoot(name: string, env: { xmlLang?: string; ContentSoftwareID?: string }): string {
  let s = `<${name} xmlns="${PAYMENT_API_NAMESPACE}"`;
  if (env.xmlLang !== undefined) s += ` xml:lang="${escapeAttr(env.xmlLang)}"`;
  if (env.ContentSoftwareID !== undefined) s += ` ContentSoftwareID="${escapeAttr(env.ContentSoftwareID)}"`;
  return s + '>';
}

function element(spec: CompiledElement, fields: Fields): string {
  let s = '<' + spec.name;
  for (const a of spec.attrs) {
    const v = fields[a.prop];
    if (v === undefined) {
      if (a.req) throw new PaymentApiEncodeError(`${spec.name}/@${a.wireName} is required`);
      continue;
    }
    const text = a.list ? (v as readonly string[]).join(' ') : (v as string);
    s += ` ${a.wireName}="${escapeAttr(text)}"`;
  }
  let inner = '';
  for (const c of spec.children) {
    const v = fields[c.name];
    const items = v === undefined ? [] : c.many ? (v as readonly unknown[]) : [v];
    if (c.min1 && items.length === 0) throw new PaymentApiEncodeError(`${spec.name} needs a ${c.name}`);
    for (const item of items) {
      inner +=
        c.of === 'pc'
          ? packagedContent(c.name, item as PackagedContent)
          : element(compiled(c.of), item as Fields);
    }
  }
  if (spec.text) inner += escapeText(fields.text as string);
  return inner === '' ? s + '/>' : `${s}>${inner}</${spec.name}>`;
}

/** Content and Transform are always written, so a decoded value equals the encoded one. */
function packagedContent(name: string, pc: PackagedContent): string {
  let s = '<' + name;
  if (pc.name !== undefined) s += ` Name="${escapeAttr(pc.name)}"`;
  s += ` Content="${escapeAttr(pc.content)}" Transform="${pc.transform}">`;
  return `${s}${escapeText(pc.value)}</${name}>`;
}
