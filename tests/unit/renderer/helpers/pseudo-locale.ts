// Pseudo-localization for the "no hard-coded strings" check: every catalog value wrapped in ⟦…⟧, and a DOM
// walker that reports visible text (text nodes and user-visible attributes) that did not come from a catalog.

export const OPEN = '⟦';
export const CLOSE = '⟧';

/** Wraps every string leaf; `{{placeholders}}` stay inside the wrapper so interpolated values are covered too. */
export function pseudoCatalog<T>(tree: T): T {
  if (typeof tree === 'string') return `${OPEN}${tree}${CLOSE}` as T;
  if (tree === null || typeof tree !== 'object') return tree;
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, pseudoCatalog(v)])) as T;
}

/** True if everything outside ⟦…⟧ (nesting allowed) is digits, punctuation, symbols or space. */
export function isLocalized(text: string): boolean {
  let rest = text;
  const innermost = new RegExp(`${OPEN}[^${OPEN}${CLOSE}]*${CLOSE}`, 'gu');
  for (let previous = ''; previous !== rest;) {
    previous = rest;
    rest = rest.replace(innermost, '');
  }
  return /^[\p{N}\p{P}\p{S}\p{Z}\s]*$/u.test(rest);
}

const VISIBLE_ATTRIBUTES = ['title', 'aria-label', 'placeholder', 'alt', 'aria-description'];
const SKIPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

export interface Unlocalized {
  where: string;
  text: string;
}

function describe(element: Element): string {
  const testId = element.closest('[data-testid]')?.getAttribute('data-testid');
  return `<${element.tagName.toLowerCase()}>${testId ? ` in [data-testid=${testId}]` : ''}`;
}

/** Every piece of visible text under `root` that is not wrapped by the pseudo-locale. */
export function findUnlocalizedText(root: Element): Unlocalized[] {
  const found: Unlocalized[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      const text = node.textContent ?? '';
      if (parent && !SKIPPED_ELEMENTS.has(parent.tagName) && !isLocalized(text)) found.push({ where: describe(parent), text });
      continue;
    }
    const element = node as Element;
    for (const name of VISIBLE_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value !== null && !isLocalized(value)) found.push({ where: `${describe(element)} @${name}`, text: value });
    }
  }
  return found;
}
