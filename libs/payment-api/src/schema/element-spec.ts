import type { PackagedContent } from './packaged-content';

/**
 * A DTD-like description of one Payment API element. The codec walks it; the TypeScript types of
 * the calls are derived from it, so the types and the wire can never drift apart.
 */
export interface AttrSpec {
  /** #REQUIRED */
  readonly req?: true;
  /** Enumerated values. */
  readonly values?: readonly string[];
  /** NMTOKENS: a list separated by blanks (typed as string[]). */
  readonly list?: true;
  /** Attribute name on the wire when it differs from the property name (xml:lang → xmlLang). */
  readonly wire?: string;
  /** Other spellings accepted on input (WalletId for WalletID, …). */
  readonly aliases?: readonly string[];
  /** Extra syntax check on input. */
  readonly syntax?: 'amount' | 'nmtoken14' | 'completionCode' | 'digits';
  /** DTD default; not filled in by the decoder so that a decoded value round-trips exactly. */
  readonly dflt?: string;
}

/** A child: either a PackagedContent-like element ('pc') or another described element. */
export interface ChildSpec {
  readonly of: string;
  /** at least one */
  readonly min1?: true;
  /** more than one allowed (typed as an array) */
  readonly many?: true;
}

export interface ElementSpec {
  readonly attrs: Readonly<Record<string, AttrSpec>>;
  /** In content-model order: children must appear in this sequence. */
  readonly children: Readonly<Record<string, ChildSpec>>;
  /** Character data content (typed as `text`). */
  readonly text?: true;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type AttrValue<A> = A extends { values: readonly (infer V)[] }
  ? V
  : A extends { list: true }
    ? readonly string[]
    : string;

type AttrsOf<A> = {
  readonly [K in keyof A as A[K] extends { req: true } ? K : never]: AttrValue<A[K]>;
} & {
  readonly [K in keyof A as A[K] extends { req: true } ? never : K]?: AttrValue<A[K]>;
};

type ChildValue<C, Specs> = C extends { of: 'pc' }
  ? PackagedContent
  : C extends { of: infer N extends keyof Specs }
    ? TypeOfSpec<Specs[N], Specs>
    : never;

type ChildSlot<C, Specs> = C extends { many: true } ? readonly ChildValue<C, Specs>[] : ChildValue<C, Specs>;

type ChildrenOf<Ch, Specs> = {
  readonly [K in keyof Ch as Ch[K] extends { min1: true } ? K : never]: ChildSlot<Ch[K], Specs>;
} & {
  readonly [K in keyof Ch as Ch[K] extends { min1: true } ? never : K]?: ChildSlot<Ch[K], Specs>;
};

type TextOf<S> = S extends { text: true } ? { readonly text: string } : unknown;

/** The TypeScript shape of an element described by `S` (children resolved in `Specs`). */
export type TypeOfSpec<S, Specs> = S extends ElementSpec
  ? Simplify<AttrsOf<S['attrs']> & ChildrenOf<S['children'], Specs> & TextOf<S>>
  : never;

// Small builders so the tables below read like the DTDs of payment-api §7.
export const R = { req: true } as const;
export const O = {} as const;
export const pcs = { of: 'pc', many: true } as const;
export const pcs1 = { of: 'pc', many: true, min1: true } as const;
export const opt = <const N extends string>(of: N) => ({ of }) as const;
export const one = <const N extends string>(of: N) => ({ of, min1: true }) as const;
export const many = <const N extends string>(of: N) => ({ of, many: true }) as const;
export const many1 = <const N extends string>(of: N) => ({ of, many: true, min1: true }) as const;
