/** DOM helpers. Every piece of text goes through textContent or text nodes: server text is never parsed as HTML. */

export interface ElOptions {
  className?: string;
  text?: string;
  testId?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElOptions = {},
  children: (Node | null | undefined)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.testId) node.setAttribute('data-testid', options.testId);
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

export function button(
  options: ElOptions & { label?: string },
  children: (Node | null)[] = [],
): HTMLButtonElement {
  const node = el('button', options, children);
  node.type = 'button';
  if (options.label) node.setAttribute('aria-label', options.label);
  return node;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}]/g;

/** Fills `target` with `text`, turning http(s) URLs into links. Text is never parsed as HTML. */
export function appendRichText(target: HTMLElement, text: string): void {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) target.appendChild(document.createTextNode(text.slice(last, start)));
    const link = el('a', {
      text: match[0],
      attrs: { target: '_blank', rel: 'noopener noreferrer nofollow' },
    });
    link.href = match[0];
    target.appendChild(link);
    last = start + match[0].length;
  }
  if (last < text.length) target.appendChild(document.createTextNode(text.slice(last)));
}

export function initials(text: string): string {
  const letters = Array.from(text.trim());
  return (letters[0] ?? '?').toUpperCase();
}

function parseHexColor(value: string | undefined): [number, number, number] | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value ?? '').trim());
  if (!match) return undefined;
  const hex =
    match[1].length === 3
      ? match[1]
          .split('')
          .map((c) => c + c)
          .join('')
      : match[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex(rgb: number[]): string {
  return `#${rgb
    .map((c) =>
      Math.max(0, Math.min(255, Math.round(c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Sets the accent color, with a darker shade for hover and text on light backgrounds. */
export function applyAccent(root: HTMLElement, color: string | undefined): void {
  const rgb = parseHexColor(color);
  if (!rgb) return;
  root.style.setProperty('--sg-accent', toHex(rgb));
  root.style.setProperty('--sg-accent-rgb', rgb.join(', '));
  root.style.setProperty('--sg-accent-dark', toHex(rgb.map((c) => c * 0.7)));
}
