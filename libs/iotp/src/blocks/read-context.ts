import type { ErrorCode } from '../codes/error-codes';
import type { XmlElement } from '../xml/xml-node';
import { fail, type ErrorLocationSpec } from './wire-error';
import { hasNonBlankText, isExtensionName, childElements, token, tokens } from './xml-access';

/** Where a reader is in the message: fills ErrorLocation (iotp-messages §5.11.1). */
export interface ReadCtx {
  readonly iotpMsgRef?: string;
  readonly blkRef?: string;
  readonly compRef?: string;
}

/** The element's own ID becomes ElementRef unless it already is the block or component reference. */
export const locate = (el: XmlElement, ctx: ReadCtx, attName?: string): ErrorLocationSpec => {
  const id = token(el, 'ID');
  return {
    elementType: el.name,
    iotpMsgRef: ctx.iotpMsgRef,
    blkRef: ctx.blkRef,
    compRef: ctx.compRef,
    elementRef: id && id !== ctx.blkRef && id !== ctx.compRef ? id : undefined,
    attName,
  };
};

/** A DTD #REQUIRED attribute; missing or blank → XmlNotValid (or the code the caller names). */
export const requireAttr = (
  el: XmlElement,
  name: string,
  ctx: ReadCtx,
  code: ErrorCode = 'XmlNotValid',
): string => {
  const v = el.attrs[name];
  if (v === undefined || v.trim() === '')
    fail(code, `${el.name}/@${name} is required.`, locate(el, ctx, name), name);
  return v as string;
};

export const requireToken = (
  el: XmlElement,
  name: string,
  ctx: ReadCtx,
  code: ErrorCode = 'XmlNotValid',
): string => requireAttr(el, name, ctx, code).trim();

/** A required NMTOKENS/IDREFS attribute, split. */
export const requireTokens = (el: XmlElement, name: string, ctx: ReadCtx): string[] => {
  requireAttr(el, name, ctx);
  return tokens(el, name);
};

/** A DTD enumeration; absent → the DTD default (if any), other values → XmlNotValid. */
export const enumAttr = <T extends string>(
  el: XmlElement,
  name: string,
  allowed: readonly T[],
  ctx: ReadCtx,
  dflt?: T,
): T => {
  const v = token(el, name);
  if (v === undefined || v === '') {
    if (dflt !== undefined) return dflt;
    return fail('XmlNotValid', `${el.name}/@${name} is required.`, locate(el, ctx, name), name);
  }
  if (!(allowed as readonly string[]).includes(v))
    fail(
      'XmlNotValid',
      `${el.name}/@${name}="${v}" is not one of ${allowed.join(', ')}.`,
      locate(el, ctx, name),
      v,
    );
  return v as T;
};

/** IOTP booleans are `True`/`False`. */
export const boolAttr = (el: XmlElement, name: string, ctx: ReadCtx, dflt?: boolean): boolean => {
  const d = dflt === undefined ? undefined : dflt ? 'True' : 'False';
  return enumAttr(el, name, ['True', 'False'] as const, ctx, d) === 'True';
};

export interface Particle {
  readonly name: string;
  readonly min: number;
  readonly max: number;
}
export const one = (name: string): Particle => ({ name, min: 1, max: 1 });
export const opt = (name: string): Particle => ({ name, min: 0, max: 1 });
export const many = (name: string): Particle => ({ name, min: 0, max: Infinity });
export const some = (name: string): Particle => ({ name, min: 1, max: Infinity });

/**
 * Checks a DTD sequence content model (order and cardinality) and groups the children by name.
 * Extension elements are skipped (critical ones were rejected by the tree walk); text → invalid.
 */
export const sequence = (
  el: XmlElement,
  ctx: ReadCtx,
  model: readonly Particle[],
): Map<string, XmlElement[]> => {
  if (hasNonBlankText(el)) fail('XmlNotValid', `${el.name} must not contain text.`, locate(el, ctx));
  const groups = new Map<string, XmlElement[]>(model.map((p) => [p.name, []]));
  let pos = 0;
  for (const child of childElements(el)) {
    if (isExtensionName(child.name)) continue;
    // A block's children are components: their ID is the CompRef, deeper ones an ElementRef.
    const at = ctx.compRef === undefined ? { ...ctx, compRef: token(child, 'ID') || undefined } : ctx;
    const index = model.findIndex((p) => p.name === child.name);
    if (index < 0)
      fail('XmlNotValid', `${child.name} is not allowed in ${el.name}.`, locate(child, at), child.name);
    if (index < pos)
      fail('XmlNotValid', `${child.name} is out of order in ${el.name}.`, locate(child, at), child.name);
    pos = index;
    const group = groups.get(child.name) as XmlElement[];
    if (group.length === model[index].max)
      fail('XmlNotValid', `too many ${child.name} elements in ${el.name}.`, locate(child, at), child.name);
    group.push(child);
  }
  for (const p of model)
    if ((groups.get(p.name) as XmlElement[]).length < p.min)
      fail('XmlNotValid', `${el.name} lacks a required ${p.name}.`, locate(el, ctx), p.name);
  return groups;
};

/** EMPTY elements: no IOTP children, no text. */
export const empty = (el: XmlElement, ctx: ReadCtx): void => {
  sequence(el, ctx, []);
};
