import { isIotpAmount } from '@ph/money';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ApiRequest, ApiResponse, ErrorResponse } from '../calls/call-types';
import { normalizeCompletionCode } from '../codes/completion-code';
import { PAYMENT_API_NAMESPACE } from '../codes/namespace';
import { CALL_TYPES } from '../codes/roles';
import type { PackagedContent } from '../schema/packaged-content';
import { COMPILED, compiled, type CompiledAttr, type CompiledElement } from './compiled-specs';
import { DecodeFailure, fail, type DecodeResult } from './decode-error';
import type { IotpPaymentApiRequest, IotpPaymentApiResponse } from './envelope';
import { decodeRefs } from './xml-text';

/** Upper bound before parsing: an envelope carries at most one IOTP message's scheme data (profile §1.4: 256 KiB). */
export const MAX_ENVELOPE_LENGTH = 1 << 20;

// iotp-messages §11: order preserved, nothing converted, entities decoded by us in one pass.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  processEntities: false,
  htmlEntities: false,
  allowBooleanAttributes: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

/** One node of fast-xml-parser's preserveOrder output: `{ Tag: children, ':@': attrs }` or `{ '#text': s }`. */
type OrderedNode = Record<string, unknown>;
const ATTRS = ':@';

/** The wrapper's misspelling (payment-api §2.1 [DOC-BUG]) is accepted and read as the call's spelling. */
const WRAPPER_ALIASES: Readonly<Record<string, string>> = {
  CheckPaymentPossiblity: 'CheckPaymentPossibility',
  CheckPaymentPossiblityResponse: 'CheckPaymentPossibilityResponse',
};
const REQUEST_NAMES: ReadonlySet<string> = new Set(CALL_TYPES);

export function decodePaymentApiRequest(xml: string): DecodeResult<IotpPaymentApiRequest> {
  return guarded(() => {
    const root = readRoot(xml, 'IotpPaymentApiRequest');
    const elements = elementChildren(root.node, 'IotpPaymentApiRequest');
    if (elements.length !== 1) {
      fail('ElMissing', 'the request wrapper holds exactly one call', 'IotpPaymentApiRequest');
    }
    const [tag, node] = elements[0];
    const name = WRAPPER_ALIASES[tag] ?? tag;
    if (!REQUEST_NAMES.has(name)) fail('ElUnexpected', `${tag} is not a Payment API request`, tag);
    const request = { call: name, ...readElement(compiled(name), node, tag) } as unknown as ApiRequest;
    return { ...root.envelope, request };
  });
}

export function decodePaymentApiResponse(xml: string): DecodeResult<IotpPaymentApiResponse> {
  return guarded(() => {
    const root = readRoot(xml, 'IotpPaymentApiResponse');
    const elements = elementChildren(root.node, 'IotpPaymentApiResponse');
    let i = 0;
    let errorResponse: ErrorResponse | undefined;
    let response: ApiResponse | undefined;
    if (elements[i]?.[0] === 'ErrorResponse') {
      errorResponse = readElement(compiled('ErrorResponse'), elements[i][1]) as ErrorResponse;
      i++;
    }
    if (i < elements.length) {
      const [tag, node] = elements[i];
      const name = WRAPPER_ALIASES[tag] ?? tag;
      const call = name.slice(0, -'Response'.length);
      if (!name.endsWith('Response') || !REQUEST_NAMES.has(call)) {
        fail('ElUnexpected', `${tag} is not a Payment API response`, tag);
      }
      response = { call, ...readElement(compiled(name), node, tag) } as unknown as ApiResponse;
      i++;
    }
    if (i < elements.length) fail('ElUnexpected', `unexpected ${elements[i][0]}`, elements[i][0]);
    return {
      ...root.envelope,
      ...(errorResponse && { ErrorResponse: errorResponse }),
      ...(response && { response }),
    };
  });
}

function guarded<T>(read: () => T): DecodeResult<T> {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (e instanceof DecodeFailure) return { ok: false, error: e.error };
    throw e;
  }
}

interface Root {
  readonly node: OrderedNode;
  readonly envelope: { xmlLang?: string; ContentSoftwareID?: string };
}

function readRoot(xml: string, expected: string): Root {
  if (xml.length > MAX_ENVELOPE_LENGTH) fail('MsgTooLarge', 'envelope too large', expected);
  // No DTD at all: nothing to expand (billion laughs, XXE) and nothing to fetch.
  if (xml.includes('<!DOCTYPE') || xml.includes('<!ENTITY')) {
    fail('XmlNotValid', 'a document type declaration is not allowed', expected);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) fail('XmlNotWellFrmd', `not well-formed: ${valid.err.msg}`, expected);
  const tops = elementChildren({ [expected]: parser.parse(xml) as unknown }, expected, expected);
  if (tops.length !== 1 || tops[0][0] !== expected) fail('XmlNotValid', `root must be ${expected}`, expected);
  const node = tops[0][1];
  const attrs = (node[ATTRS] ?? {}) as Record<string, string>;
  const envelope: { xmlLang?: string; ContentSoftwareID?: string } = {};
  for (const [k, raw] of Object.entries(attrs)) {
    const v = attrValue(raw, expected, k);
    if (k === 'xmlns') continue;
    else if (k === 'xml:lang') envelope.xmlLang = v;
    else if (k === 'ContentSoftwareID') envelope.ContentSoftwareID = v;
    else if (!k.includes(':')) fail('AttUnexpected', `unexpected attribute ${k}`, expected, k);
  }
  if (attrs.xmlns !== PAYMENT_API_NAMESPACE) {
    fail('XmlNotValid', `namespace must be ${PAYMENT_API_NAMESPACE}`, expected, 'xmlns');
  }
  return { node, envelope };
}

/**
 * The element children of a node, in order. Whitespace between elements is dropped; other text is
 * illegal in element-only content; elements with a prefix (another namespace) are extensions and skipped.
 */
function elementChildren(node: OrderedNode, elementType: string, tag = elementType): [string, OrderedNode][] {
  const out: [string, OrderedNode][] = [];
  for (const child of node[tag] as OrderedNode[]) {
    const key = nodeTag(child);
    if (key === '#text') {
      if (!isBlank(child[key] as string)) fail('ElContIllegal', 'text in element-only content', elementType);
    } else if (key === '#cdata') {
      fail('ElContIllegal', 'CDATA in element-only content', elementType);
    } else if (!key.includes(':')) {
      out.push([key, child]);
    }
  }
  return out;
}

function nodeTag(node: OrderedNode): string {
  for (const k in node) if (k !== ATTRS) return k;
  return '';
}

const BLANK = /^[ \t\r\n]*$/;
const isBlank = (s: string): boolean => BLANK.test(s);

/** `wireTag`: the element's name in the document, which may be an accepted misspelling. */
function readElement(spec: CompiledElement, node: OrderedNode, wireTag = spec.name): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  readAttributes(spec, node, out);
  if (spec.text) {
    out.text = readText(node, wireTag);
    return out;
  }
  let lastIndex = -1;
  for (const [tag, child] of elementChildren(node, spec.name, wireTag)) {
    const c = spec.childByName.get(tag);
    if (!c) {
      fail(
        COMPILED.has(tag) || tag.endsWith('PackagedContent') ? 'ElUnexpected' : 'XmlNotValid',
        `${tag} not allowed in ${spec.name}`,
        tag,
      );
    }
    if (c.index < lastIndex || (c.index === lastIndex && !c.many)) {
      fail('ElUnexpected', `${tag} out of sequence in ${spec.name}`, tag);
    }
    lastIndex = c.index;
    const value = c.of === 'pc' ? readPackagedContent(tag, child) : readElement(compiled(c.of), child);
    if (c.many) ((out[tag] ??= []) as unknown[]).push(value);
    else out[tag] = value;
  }
  for (const c of spec.children) {
    if (c.min1 && out[c.name] === undefined) fail('ElMissing', `${spec.name} needs ${c.name}`, c.name);
  }
  return out;
}

function readAttributes(spec: CompiledElement, node: OrderedNode, out: Record<string, unknown>): void {
  const attrs = node[ATTRS] as Record<string, string> | undefined;
  if (attrs) {
    for (const [k, raw] of Object.entries(attrs)) {
      const a = spec.attrByWire.get(k);
      if (!a) {
        if (k === 'xmlns' && raw === PAYMENT_API_NAMESPACE) continue;
        if (k.includes(':') && k !== 'xmlns') continue; // extension attribute of another namespace
        fail('AttUnexpected', `unexpected attribute ${k} on ${spec.name}`, spec.name, k);
      }
      out[a.prop] = attrTyped(a, attrValue(raw, spec.name, k), spec.name);
    }
  }
  for (const a of spec.attrs) {
    if (a.req && out[a.prop] === undefined) {
      fail('AttMissing', `${spec.name}/@${a.wireName} is required`, spec.name, a.wireName);
    }
  }
}

function attrValue(raw: string, elementType: string, attName: string): string {
  const v = decodeRefs(raw);
  if (v === undefined)
    fail('XmlNotWellFrmd', 'undeclared entity or invalid character reference', elementType, attName);
  return v;
}

const NMTOKEN14 = /^[A-Za-z0-9._:-]{1,14}$/;
const DIGITS = /^[0-9]+$/;
const LIST_SEP = /[\t\n\r ]+/;

function attrTyped(a: CompiledAttr, v: string, elementType: string): string | string[] {
  if (a.list) return v.split(LIST_SEP).filter((t) => t !== '');
  if (a.values) {
    const t = v.trim();
    if (!a.values.includes(t))
      fail('AttNotValid', `${a.wireName}="${t.slice(0, 40)}" is not allowed`, elementType, a.wireName);
    return t;
  }
  switch (a.syntax) {
    case 'amount':
      return check(isIotpAmount(v), v, a, elementType);
    case 'nmtoken14':
      return check(NMTOKEN14.test(v.trim()), v.trim(), a, elementType);
    case 'completionCode': {
      const t = normalizeCompletionCode(v.trim());
      return check(NMTOKEN14.test(t), t, a, elementType);
    }
    case 'digits':
      return check(DIGITS.test(v.trim()), v.trim(), a, elementType);
    default:
      return v;
  }
}

function check(ok: boolean, v: string, a: CompiledAttr, elementType: string): string {
  if (!ok) fail('AttNotValid', `${a.wireName} has an invalid value`, elementType, a.wireName);
  return v;
}

const PC_ATTRS = new Set(['Name', 'Content', 'Transform']);

function readPackagedContent(tag: string, node: OrderedNode): PackagedContent {
  const attrs = (node[ATTRS] ?? {}) as Record<string, string>;
  for (const k of Object.keys(attrs)) {
    if (!PC_ATTRS.has(k) && !k.includes(':'))
      fail('AttUnexpected', `unexpected attribute ${k} on ${tag}`, tag, k);
  }
  const transform =
    attrs.Transform === undefined ? 'NONE' : attrValue(attrs.Transform, tag, 'Transform').trim();
  if (transform !== 'NONE' && transform !== 'BASE64')
    fail('AttNotValid', 'Transform must be NONE or BASE64', tag, 'Transform');
  const content = attrs.Content === undefined ? 'PCDATA' : attrValue(attrs.Content, tag, 'Content');
  const value = readText(node, tag);
  return attrs.Name === undefined
    ? { content, transform, value }
    : { name: attrValue(attrs.Name, tag, 'Name').trim(), content, transform, value };
}

/** Character data content: text (references decoded) and CDATA (raw) concatenated in order. */
function readText(node: OrderedNode, tag: string): string {
  let s = '';
  for (const child of node[tag] as OrderedNode[]) {
    const key = nodeTag(child);
    if (key === '#text') {
      const v = decodeRefs(child[key] as string);
      if (v === undefined) fail('XmlNotWellFrmd', 'undeclared entity or invalid character reference', tag);
      s += v;
    } else if (key === '#cdata') {
      for (const part of child[key] as OrderedNode[]) s += part['#text'] as string;
    } else {
      fail('ElContIllegal', `${tag} holds character data only`, tag);
    }
  }
  return s;
}
