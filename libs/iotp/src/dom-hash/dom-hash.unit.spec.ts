import { parseIotpXml } from '../xml/parse';
import { isElement, type XmlElement } from '../xml/xml-node';
import { domHash } from './dom-hash';

/** Parses `xml` as the only child of an IotpMessage and returns it (profile §5.4 inputs are fragments). */
function fragment(xml: string): XmlElement {
  const o = parseIotpXml(Buffer.from(`<IotpMessage>${xml}</IotpMessage>`));
  if (!o.ok) throw new Error(o.error.desc);
  return o.root.children.filter(isElement)[0];
}
const hex = (el: XmlElement): string => domHash(el).toString('hex');

describe('domHash (profile §2.4.2)', () => {
  it('reproduces §5.4 input 1 (empty element with attributes)', () => {
    const status =
      '<Status ID="P2.5" xml:lang="en" StatusType="Payment" ElRef="M1.20" ProcessState="CompletedOk" ProcessReference="PH000000000042"/>';
    expect(hex(fragment(status))).toBe('d2d9799e5484e82658b3a3b59ed7451de122bc7e370943b9c76766c7b05000d8');
  });

  it('reproduces §5.4 input 2 (PackagedContent keeps blank text, CDATA merged, PaySchemeData drops it)', () => {
    const psd =
      '<PaySchemeData ID="C2.3" PaymentRef="M1.20">\n  <PackagedContent Name="N" Content="PCDATA"> a&amp;b <![CDATA[<c>]]> </PackagedContent>\n</PaySchemeData>';
    expect(hex(fragment(psd))).toBe('8f507280a05644e9ab55dce8f4e6fe94d64e67956681ccc65abb8d12e218962d');
  });

  it('reproduces §5.4 input 3 (xmlns excluded, comment ignored, xml:lang as written)', () => {
    const o = parseIotpXml(
      Buffer.from(
        '<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0"><MsgId xml:lang="en" ID="C1" SoftwareId="W"/><!-- comment --></IotpMessage>',
      ),
    );
    if (!o.ok) throw new Error(o.error.desc);
    expect(hex(o.root)).toBe('871856732163d53bc4bf234696a8767a5d74c935ad26a9f767281ef18895dd12');
  });

  it('does not depend on attribute order, quoting, <A/> vs <A></A>, &lt; vs CDATA, indentation', () => {
    expect(hex(fragment(`<A b="1" a='2'/>`))).toBe(hex(fragment('<A  a="2"  b="1" ></A>')));
    expect(hex(fragment('<A>&lt;</A>'))).toBe(hex(fragment('<A><![CDATA[<]]></A>')));
    expect(hex(fragment('<A>\n  <B/>\n</A>'))).toBe(hex(fragment('<A><B/></A>')));
    expect(hex(fragment('<A> x</A>'))).not.toBe(hex(fragment('<A>x</A>')));
    expect(hex(fragment('<Value/>'))).not.toBe(hex(fragment('<Value encoding="base64"/>')));
  });

  it('treats a built tree with split, empty and blank texts like the parsed one', () => {
    const built: XmlElement = {
      name: 'A',
      attrs: { 'xmlns:x': 'urn:x', v: '1' },
      children: [
        { text: '' },
        { text: ' \n' },
        { name: 'B', attrs: {}, children: [] },
        { text: 'a' },
        { text: 'b' },
      ],
    };
    expect(hex(built)).toBe(hex(fragment('<A v="1"><B/>ab</A>')));
  });

  it('sorts attribute names by UTF-16 code units', () => {
    expect(hex(fragment('<A Z="1" a="2" é="3" \u{10000}="4"/>'))).toBe(
      hex(fragment('<A \u{10000}="4" é="3" a="2" Z="1"/>')),
    );
  });
});
