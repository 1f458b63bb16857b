import type { XmlElement } from '../xml/xml-node';
import { el, text } from './xml-build';

export interface PackagedContentSpec {
  readonly name?: string;
  /** Written only when given: `<PackagedContent>x</PackagedContent>` means PCDATA/NONE. */
  readonly content?: string;
  readonly transform?: 'NONE' | 'BASE64';
  /** The character data, emitted verbatim (never re-formatted). */
  readonly value: string;
}

export const buildPackagedContent = (s: PackagedContentSpec): XmlElement =>
  el('PackagedContent', { Name: s.name, Content: s.content, Transform: s.transform }, [text(s.value)]);

/** A scheme payload as profile §3.2 wants it: JSON bytes, base64, no line breaks. */
export const jsonPackagedContent = (name: string, json: string): PackagedContentSpec => ({
  name,
  content: 'MIME:application/json',
  transform: 'BASE64',
  value: Buffer.from(json, 'utf8').toString('base64'),
});
