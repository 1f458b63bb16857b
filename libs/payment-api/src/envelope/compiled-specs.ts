import type { AttrSpec, ChildSpec, ElementSpec } from '../schema/element-spec';
import { ELEMENT_SPECS } from '../schema/elements';

/** ELEMENT_SPECS turned into arrays and lookup maps once, so encode/decode do no per-call work. */
export interface CompiledAttr extends AttrSpec {
  readonly prop: string;
  readonly wireName: string;
}
export interface CompiledChild extends ChildSpec {
  readonly name: string;
  readonly index: number;
}
export interface CompiledElement {
  readonly name: string;
  readonly attrs: readonly CompiledAttr[];
  /** wire name and aliases → attribute */
  readonly attrByWire: ReadonlyMap<string, CompiledAttr>;
  readonly children: readonly CompiledChild[];
  readonly childByName: ReadonlyMap<string, CompiledChild>;
  readonly text: boolean;
}

function compile(name: string, spec: ElementSpec): CompiledElement {
  const attrs = Object.entries(spec.attrs).map(([prop, a]): CompiledAttr => ({
    ...a,
    prop,
    wireName: a.wire ?? prop,
  }));
  const attrByWire = new Map<string, CompiledAttr>();
  for (const a of attrs) {
    attrByWire.set(a.wireName, a);
    for (const alias of a.aliases ?? []) attrByWire.set(alias, a);
  }
  const children = Object.entries(spec.children).map(([childName, c], index): CompiledChild => ({
    ...c,
    name: childName,
    index,
  }));
  return {
    name,
    attrs,
    attrByWire,
    children,
    childByName: new Map(children.map((c) => [c.name, c])),
    text: spec.text === true,
  };
}

export const COMPILED: ReadonlyMap<string, CompiledElement> = new Map(
  Object.entries(ELEMENT_SPECS as Record<string, ElementSpec>).map(([name, spec]) => [
    name,
    compile(name, spec),
  ]),
);

export function compiled(name: string): CompiledElement {
  const c = COMPILED.get(name);
  if (!c) throw new Error(`no Payment API element ${name}`);
  return c;
}
