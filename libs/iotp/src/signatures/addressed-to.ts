import { tokens } from './signature';
import { isElement, type XmlElement } from '../xml/xml-node';

/**
 * The `Signature` children of an `IotpSignatures` block with a `RecipientInfo` whose `RecipientRefs`
 * contains `orgElementId` — the `ID` of an `Org` element (e.g. `M1.15`), not its `OrgId`.
 */
export function signaturesAddressedTo(iotpSignatures: XmlElement, orgElementId: string): XmlElement[] {
  return iotpSignatures.children.filter(
    (c): c is XmlElement => isElement(c) && c.name === 'Signature' && isAddressedTo(c, orgElementId),
  );
}

export function isAddressedTo(signature: XmlElement, orgElementId: string): boolean {
  const manifest = signature.children.find((c): c is XmlElement => isElement(c) && c.name === 'Manifest');
  if (!manifest) return false;
  return manifest.children.some(
    (c) => isElement(c) && c.name === 'RecipientInfo' && tokens(c.attrs.RecipientRefs).includes(orgElementId),
  );
}
