import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIotpXml } from './parse';
import { serializeIotpXml } from './serialize';
import type { XmlElement } from './xml-node';

const parsed = (body: Buffer): XmlElement => {
  const o = parseIotpXml(body);
  if (!o.ok) throw new Error(o.error.desc);
  return o.root;
};

describe('serializeIotpXml', () => {
  it('writes the declaration, indents between elements and uses <X/> for empty elements', () => {
    const root: XmlElement = {
      name: 'IotpMessage',
      attrs: { xmlns: 'iotp:ietf.org/iotp-v1.0' },
      children: [
        {
          name: 'TransRefBlk',
          attrs: { ID: 'P1.1' },
          children: [{ name: 'MsgId', attrs: { ID: 'P1' }, children: [] }],
        },
      ],
    };
    expect(serializeIotpXml(root).toString('utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">\n  <TransRefBlk ID="P1.1">\n' +
        '    <MsgId ID="P1"/>\n  </TransRefBlk>\n</IotpMessage>\n',
    );
  });

  it('never adds whitespace inside an element with text', () => {
    const root: XmlElement = {
      name: 'IotpMessage',
      attrs: {},
      children: [{ name: 'Parameter', attrs: { type: 'AlgorithmRef' }, children: [{ text: 'M1.23' }] }],
    };
    expect(serializeIotpXml(root).toString()).toContain(
      '\n  <Parameter type="AlgorithmRef">M1.23</Parameter>\n',
    );
  });

  it('escapes & < > " in attributes and & < > in text, TAB/LF/CR as character references', () => {
    const root: XmlElement = {
      name: 'IotpMessage',
      attrs: { a: `x&<>"'\t\n\ry` },
      children: [{ text: `&<>"'\t\n\r` }],
    };
    const out = serializeIotpXml(root).toString();
    expect(out).toContain(`a="x&amp;&lt;&gt;&quot;'&#9;&#10;&#13;y"`);
    expect(out).toContain(`>&amp;&lt;&gt;"'\t\n&#13;</IotpMessage>`);
    expect(parsed(Buffer.from(out))).toEqual(root);
  });

  it('round-trips the worked example P2 with an identical tree (so identical digests)', () => {
    const p2 = parsed(readFileSync(join(__dirname, '../signatures/__fixtures__/p2-payment-response.xml')));
    const out = serializeIotpXml(p2);
    expect(parsed(out)).toEqual(p2);
    expect(out.toString()).toContain('<Value>FSvyB298jp38SnRP7PBSY1NBc3SM/bmDUb8HlP2mQd8=</Value>');
  });
});
