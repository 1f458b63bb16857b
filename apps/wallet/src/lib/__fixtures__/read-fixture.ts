import { parseIotpXml, type XmlElement } from '@ph/iotp';
import { readAnswer, type IotpAnswer } from '../iotp/answer';

export const GATEWAY = 'http://127.0.0.1:8080/iotp';
export const REFERENCE_WALLET = 'IOTP profile reference; acceptance wallet (Python); 1.0; build 1';
/** n_A of the HS-Init in profile §6.1 C1. */
export const C1_NA = '31945f5b5b0e59f0f072d05f5ea26e0a31262639304f010aa903c7b7bf1c76f1';

export function parseXml(xml: string | Buffer): XmlElement {
  const r = parseIotpXml(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml, 'application/iotp');
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.desc}`);
  return r.root;
}

/** A fixture as if the PH had answered it. */
export const answerOf = (xml: string): IotpAnswer =>
  readAnswer({ status: 200, body: Buffer.from(xml, 'utf8'), contentType: 'application/iotp; charset=utf-8' });

/** Base64 JSON payload with one field replaced, keys in the same order. */
export function editPayload(b64: string, key: string, value: string): string {
  const o = JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as Record<string, unknown>;
  o[key] = value;
  return Buffer.from(JSON.stringify(o), 'utf8').toString('base64');
}

/** The PackagedContent text of the first payload called `name` in a message. */
export function payloadText(xml: string, name: string): string {
  const m = new RegExp(`Name="${name}"[^>]*>([^<]*)<`).exec(xml);
  if (!m) throw new Error(`no ${name}`);
  return m[1];
}
