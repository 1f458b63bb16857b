import { IOTP_MAX_DEPTH, IOTP_MAX_ELEMENTS, IOTP_NAMESPACE } from './limits';
import { decodeReferences } from './references';
import { ILLEGAL_XML_CHAR, isAllXmlSpace, isNameStartCode, isXmlSpace, scanName } from './xml-chars';
import type { XmlElement, XmlNode } from './xml-node';
import { XmlRejection, clip, notWellFormed } from './xml-rejection';

interface OpenElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

const XML_DECL =
  /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/y;

/**
 * One pass over the decoded, line-end-normalised document: well-formedness (XML 1.0 without DTD), the
 * DOCTYPE and entity rules and the depth/count limits, building the tree as it goes. Depth and count
 * violations are remembered and the scan goes on, so that a later well-formedness error still wins
 * (profile §1.4 decision order); the cost is bounded by the 256 KiB body limit.
 */
export function scanDocument(s: string): XmlElement {
  try {
    return new DocumentScanner(s).run();
  } catch (e) {
    // Row 3 precedes row 5: a prolog error before an internal subset must still say XmlNotValid.
    if (e instanceof XmlRejection && e.code === 'XmlNotWellFrmd' && /<!DOCTYPE[^>[]*\[/.test(s)) {
      throw new XmlRejection('XmlNotValid', 'DOCTYPE with an internal subset is not accepted');
    }
    throw e;
  }
}

class DocumentScanner {
  private pos = 0;
  private readonly stack: OpenElement[] = [];
  private root: OpenElement | undefined;
  private pendingText = '';
  private elementCount = 0;
  private tooDeep = false;
  private doctypeSeen = false;
  /** Prefixes bound to the IOTP namespace, and prefixed element names seen (both rare). */
  private iotpPrefixes: string[] | undefined;
  private prefixedNames: string[] | undefined;

  constructor(private readonly s: string) {}

  run(): XmlElement {
    const s = this.s;
    const bad = ILLEGAL_XML_CHAR.exec(s);
    if (bad) throw notWellFormed(`illegal character U+${hex4(bad[0].charCodeAt(0))} at offset ${bad.index}`);
    if (s.startsWith('<?xml')) this.xmlDeclaration();
    const len = s.length;
    while (this.pos < len) {
      const lt = s.indexOf('<', this.pos);
      const textEnd = lt === -1 ? len : lt;
      if (textEnd > this.pos) this.text(this.pos, textEnd);
      if (lt === -1) break;
      this.pos = lt;
      const c = s.charCodeAt(lt + 1);
      if (c === 47 /* / */) this.endTag();
      else if (c === 33 /* ! */) this.markup();
      else if (c === 63 /* ? */) this.processingInstruction();
      else this.startTag();
    }
    if (this.root === undefined) throw notWellFormed(len === 0 ? 'empty body' : 'no root element');
    if (this.stack.length > 0) throw notWellFormed(`document ends inside element '${this.top().name}'`);
    return this.finish(this.root);
  }

  private finish(root: OpenElement): XmlElement {
    if (this.tooDeep) throw new XmlRejection('XmlNotValid', `elements nested deeper than ${IOTP_MAX_DEPTH}`);
    if (this.elementCount > IOTP_MAX_ELEMENTS) {
      throw new XmlRejection('MsgTooLarge', `${this.elementCount} elements exceed ${IOTP_MAX_ELEMENTS}`);
    }
    if (this.iotpPrefixes && this.prefixedNames) {
      for (const name of this.prefixedNames) {
        if (this.iotpPrefixes.includes(name.slice(0, name.indexOf(':')))) {
          throw new XmlRejection('XmlNotValid', `IOTP element written with a prefix: '${clip(name)}'`);
        }
      }
    }
    return root;
  }

  private top(): OpenElement {
    return this.stack[this.stack.length - 1];
  }

  private xmlDeclaration(): void {
    XML_DECL.lastIndex = 0;
    if (!XML_DECL.test(this.s)) throw notWellFormed('malformed XML declaration');
    this.pos = XML_DECL.lastIndex;
  }

  private text(start: number, end: number): void {
    const raw = this.s.slice(start, end);
    if (this.stack.length === 0) {
      if (!isAllXmlSpace(raw)) throw notWellFormed(`text outside the root element at offset ${start}`);
      return;
    }
    if (raw.indexOf(']]>') !== -1) throw notWellFormed("']]>' in character data");
    const amp = raw.indexOf('&');
    this.pendingText += amp === -1 ? raw : decodeReferences(raw, amp);
  }

  /** Adds the merged text collected since the last child to `el`, dropping blank text (DOM-HASH rule 4). */
  private flushText(el: OpenElement): void {
    const t = this.pendingText;
    if (t === '') return;
    this.pendingText = '';
    if (el.name === 'PackagedContent' || !isAllXmlSpace(t)) el.children.push({ text: t });
  }

  private startTag(): void {
    const s = this.s;
    const nameStart = this.pos + 1;
    if (!isNameStartCode(s.charCodeAt(nameStart)))
      throw notWellFormed(`invalid markup at offset ${this.pos}`);
    let p = scanName(s, nameStart);
    const name = s.slice(nameStart, p);
    const attrs: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      const afterName = p;
      while (isXmlSpace(s.charCodeAt(p))) p++;
      const c = s.charCodeAt(p);
      if (c === 62 /* > */) {
        p++;
        break;
      }
      if (c === 47 /* / */) {
        if (s.charCodeAt(p + 1) !== 62) throw notWellFormed(`malformed start tag '${clip(name)}'`);
        p += 2;
        selfClosing = true;
        break;
      }
      if (Number.isNaN(c)) throw notWellFormed(`document ends inside start tag '${clip(name)}'`);
      if (p === afterName || !isNameStartCode(c))
        throw notWellFormed(`malformed attribute in '${clip(name)}'`);
      p = this.attribute(p, name, attrs);
    }
    this.pos = p;
    this.openElement({ name, attrs, children: [] }, selfClosing);
  }

  /** Parses `Name S? = S? "value"` at `p`, stores it, returns the index after the closing quote. */
  private attribute(p: number, elName: string, attrs: Record<string, string>): number {
    const s = this.s;
    const nameStart = p;
    p = scanName(s, p);
    const name = s.slice(nameStart, p);
    while (isXmlSpace(s.charCodeAt(p))) p++;
    if (s.charCodeAt(p) !== 61 /* = */) throw notWellFormed(`attribute '${clip(name)}' without value`);
    p++;
    while (isXmlSpace(s.charCodeAt(p))) p++;
    const q = s.charCodeAt(p);
    if (q !== 34 && q !== 39) throw notWellFormed(`unquoted value of attribute '${clip(name)}'`);
    const end = s.indexOf(q === 34 ? '"' : "'", p + 1);
    if (end === -1) throw notWellFormed(`unterminated value of attribute '${clip(name)}'`);
    const value = attributeValue(s.slice(p + 1, end), name);
    if (Object.prototype.hasOwnProperty.call(attrs, name)) {
      throw notWellFormed(`repeated attribute '${clip(name)}' on '${clip(elName)}'`);
    }
    if (name === '__proto__') Object.defineProperty(attrs, name, { value, enumerable: true, writable: true });
    else attrs[name] = value;
    if (name.startsWith('xmlns:') && value === IOTP_NAMESPACE) (this.iotpPrefixes ??= []).push(name.slice(6));
    return end + 1;
  }

  private openElement(el: OpenElement, selfClosing: boolean): void {
    const parent = this.stack.length === 0 ? undefined : this.top();
    if (parent === undefined) {
      if (this.root !== undefined) throw notWellFormed(`second root element '${clip(el.name)}'`);
      this.root = el;
    } else {
      this.flushText(parent);
      parent.children.push(el);
    }
    this.elementCount++;
    if (this.stack.length + 1 > IOTP_MAX_DEPTH) this.tooDeep = true;
    if (el.name.indexOf(':') !== -1) (this.prefixedNames ??= []).push(el.name);
    if (!selfClosing) this.stack.push(el);
  }

  private endTag(): void {
    const s = this.s;
    const nameStart = this.pos + 2;
    if (!isNameStartCode(s.charCodeAt(nameStart)))
      throw notWellFormed(`malformed end tag at offset ${this.pos}`);
    let p = scanName(s, nameStart);
    const name = s.slice(nameStart, p);
    while (isXmlSpace(s.charCodeAt(p))) p++;
    if (s.charCodeAt(p) !== 62) throw notWellFormed(`malformed end tag '${clip(name)}'`);
    const el = this.stack.pop();
    if (el === undefined) throw notWellFormed(`end tag '${clip(name)}' without start tag`);
    if (el.name !== name) throw notWellFormed(`end tag '${clip(name)}' does not match '${clip(el.name)}'`);
    this.flushText(el);
    this.pos = p + 1;
  }

  /** `<!--`, `<![CDATA[` or `<!DOCTYPE`. */
  private markup(): void {
    const s = this.s;
    const p = this.pos;
    if (s.startsWith('<!--', p)) {
      const end = s.indexOf('--', p + 4);
      if (end === -1) throw notWellFormed('unterminated comment');
      if (s.charCodeAt(end + 2) !== 62) throw notWellFormed("'--' inside a comment");
      this.pos = end + 3;
    } else if (s.startsWith('<![CDATA[', p)) {
      if (this.stack.length === 0) throw notWellFormed('CDATA section outside the root element');
      const end = s.indexOf(']]>', p + 9);
      if (end === -1) throw notWellFormed('unterminated CDATA section');
      this.pendingText += s.slice(p + 9, end);
      this.pos = end + 3;
    } else if (s.startsWith('<!DOCTYPE', p)) {
      this.doctype();
    } else {
      throw notWellFormed(`invalid markup at offset ${p}`);
    }
  }

  /** Row 3: any internal subset is refused; `<!DOCTYPE Name ExternalID?>` is accepted and ignored. */
  private doctype(): void {
    const s = this.s;
    let p = this.pos + 9;
    for (let i = p, quote = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 91 /* [ */)
        throw new XmlRejection('XmlNotValid', 'DOCTYPE with an internal subset is not accepted');
      else if (c === 62) break;
    }
    if (this.root !== undefined || this.doctypeSeen)
      throw notWellFormed('DOCTYPE after the root element or repeated');
    this.doctypeSeen = true;
    p = this.requireSpace(p);
    if (!isNameStartCode(s.charCodeAt(p))) throw notWellFormed('malformed DOCTYPE');
    p = scanName(s, p);
    const beforeId = p;
    while (isXmlSpace(s.charCodeAt(p))) p++;
    if (p > beforeId && s.startsWith('SYSTEM', p)) {
      p = this.quoted(this.requireSpace(p + 6));
    } else if (p > beforeId && s.startsWith('PUBLIC', p)) {
      p = this.quoted(this.requireSpace(p + 6));
      p = this.quoted(this.requireSpace(p));
    }
    while (isXmlSpace(s.charCodeAt(p))) p++;
    if (s.charCodeAt(p) !== 62) throw notWellFormed('malformed DOCTYPE');
    this.pos = p + 1;
  }

  private requireSpace(p: number): number {
    if (!isXmlSpace(this.s.charCodeAt(p))) throw notWellFormed('missing white space in DOCTYPE');
    while (isXmlSpace(this.s.charCodeAt(p))) p++;
    return p;
  }

  private quoted(p: number): number {
    const q = this.s.charCodeAt(p);
    if (q !== 34 && q !== 39) throw notWellFormed('malformed DOCTYPE literal');
    const end = this.s.indexOf(q === 34 ? '"' : "'", p + 1);
    if (end === -1) throw notWellFormed('unterminated DOCTYPE literal');
    return end + 1;
  }

  /** `<?target …?>`; dropped. A second or misplaced XML declaration is an error. */
  private processingInstruction(): void {
    const s = this.s;
    const start = this.pos + 2;
    if (!isNameStartCode(s.charCodeAt(start)))
      throw notWellFormed(`malformed processing instruction at ${this.pos}`);
    const p = scanName(s, start);
    if (p - start === 3 && s.slice(start, p).toLowerCase() === 'xml') {
      throw notWellFormed('XML declaration not at the start of the document');
    }
    const end = s.indexOf('?>', p);
    if (end === -1) throw notWellFormed('unterminated processing instruction');
    if (end !== p && !isXmlSpace(s.charCodeAt(p)))
      throw notWellFormed('malformed processing instruction target');
    this.pos = end + 2;
  }
}

/** XML 1.0 §3.3.3 for CDATA attributes: literal TAB/LF/CR → space, then references in one pass. */
function attributeValue(raw: string, name: string): string {
  let special = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 38 || c === 60 || c === 9 || c === 10 || c === 13) {
      special = true;
      break;
    }
  }
  if (!special) return raw;
  if (raw.indexOf('<') !== -1) throw notWellFormed(`'<' in the value of attribute '${clip(name)}'`);
  const spaced = raw.replace(/[\t\n\r]/g, ' ');
  const amp = spaced.indexOf('&');
  return amp === -1 ? spaced : decodeReferences(spaced, amp);
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
