import { DEFAULT_CONTENT, TRANSFORMS, type Transform } from '../../codes/packaged-content-codes';
import type { XmlElement } from '../../xml/xml-node';
import { enumAttr, locate, type ReadCtx } from '../read-context';
import { fail } from '../wire-error';
import { childElements, isExtensionName, textOf, token } from '../xml-access';

/** PackagedContent (iotp-messages §2.6) with the DTD defaults applied. */
export interface PackagedContent {
  readonly name?: string;
  /** `PCDATA` when absent. */
  readonly content: string;
  /** `NONE` when absent. */
  readonly transform: Transform;
  /** The character data exactly as received (no trimming: NONE is whitespace-exact). */
  readonly value: string;
  readonly element: XmlElement;
}

export const readPackagedContent = (el: XmlElement, ctx: ReadCtx): PackagedContent => {
  if (childElements(el).some((c) => !isExtensionName(c.name)))
    fail('XmlNotValid', 'PackagedContent holds character data only.', locate(el, ctx));
  const name = token(el, 'Name');
  return {
    ...(name ? { name } : {}),
    content: el.attrs['Content'] ?? DEFAULT_CONTENT,
    transform: enumAttr(el, 'Transform', TRANSFORMS, ctx, 'NONE'),
    value: textOf(el),
    element: el,
  };
};

export const readPackagedContents = (
  els: readonly XmlElement[] | undefined,
  ctx: ReadCtx,
): PackagedContent[] => (els ?? []).map((e) => readPackagedContent(e, ctx));
