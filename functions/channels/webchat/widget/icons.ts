/** The widget's icons: stroked 24×24 SVG paths, drawn in currentColor so the accent and state colors apply. */

const SVG_NS = 'http://www.w3.org/2000/svg';

export const ICONS = {
  chat: [
    'M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v8a2.5 2.5 0 0 1-2.5 2.5H11l-4.5 3.5V17h0A2.5 2.5 0 0 1 4 14.5z',
  ],
  chevronDown: ['M6 9l6 6 6-6'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  send: ['M12 19V5', 'M5.5 11.5L12 5l6.5 6.5'],
  restart: [
    'M4 12a8 8 0 0 1 13.7-5.6L20 8.5',
    'M20 4v4.5h-4.5',
    'M20 12a8 8 0 0 1-13.7 5.6L4 15.5',
    'M4 20v-4.5h4.5',
  ],
  thumbUp: [
    'M7 11v9H4.5A1.5 1.5 0 0 1 3 18.5v-6A1.5 1.5 0 0 1 4.5 11z',
    'M7 11l3.6-7.2A1.9 1.9 0 0 1 14 5.2L13.2 9.5h5.4a2 2 0 0 1 2 2.4l-1.3 6.5a2 2 0 0 1-2 1.6H7',
  ],
  thumbDown: [
    'M17 13V4h2.5A1.5 1.5 0 0 1 21 5.5v6a1.5 1.5 0 0 1-1.5 1.5z',
    'M17 13l-3.6 7.2A1.9 1.9 0 0 1 10 18.8l.8-4.3H5.4a2 2 0 0 1-2-2.4l1.3-6.5a2 2 0 0 1 2-1.6H17',
  ],
  person: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4.5 20.5a7.5 7.5 0 0 1 15 0'],
  cart: [
    'M3 4h2.2l2.3 10.6a1.8 1.8 0 0 0 1.8 1.4h7.6a1.8 1.8 0 0 0 1.7-1.3L20.5 8H6.1',
    'M9.5 20h.01',
    'M17 20h.01',
  ],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  // Product thumbnails, by category.
  phone: [
    'M8 2.5h8A1.5 1.5 0 0 1 17.5 4v16a1.5 1.5 0 0 1-1.5 1.5H8A1.5 1.5 0 0 1 6.5 20V4A1.5 1.5 0 0 1 8 2.5z',
    'M11 18.5h2',
  ],
  laptop: ['M5 5.5h14a1 1 0 0 1 1 1V16H4V6.5a1 1 0 0 1 1-1z', 'M2.5 16h19l-1 2.5h-17z'],
  watch: [
    'M7 13a5 5 0 1 0 10 0 5 5 0 1 0-10 0',
    'M9 8.8L9.5 3h5l.5 5.8',
    'M9 17.2L9.5 23h5l.5-5.8',
    'M12 11v2l1.5 1',
  ],
  shirt: ['M8 3.5L3.5 6.5l2 4 2-1v11h9v-11l2 1 2-4L16 3.5a4 4 0 0 1-8 0z'],
  bag: ['M5 8h14l-1 12.5H6z', 'M9 8V6.5a3 3 0 0 1 6 0V8'],
  sparkle: [
    'M11 3l1.8 5.2L18 10l-5.2 1.8L11 17l-1.8-5.2L4 10l5.2-1.8z',
    'M18.5 15l.7 2 2 .7-2 .7-.7 2-.7-2-2-.7 2-.7z',
  ],
  home: ['M4 11l8-7 8 7', 'M6 9.5V20h12V9.5', 'M10 20v-5h4v5'],
  basket: ['M3.5 9.5h17l-2 10h-13z', 'M8 9.5l3-6', 'M16 9.5l-3-6', 'M9.5 13v3.5', 'M14.5 13v3.5'],
  car: [
    'M5 16.5V12l2-5h10l2 5v4.5z',
    'M5 12h14',
    'M7.5 16.5v2.5',
    'M16.5 16.5v2.5',
    'M8 14h.01',
    'M16 14h.01',
  ],
  glasses: [
    'M3 13a3.5 3.5 0 1 0 7 0 3.5 3.5 0 1 0-7 0',
    'M14 13a3.5 3.5 0 1 0 7 0 3.5 3.5 0 1 0-7 0',
    'M10 13c1.2-1 2.8-1 4 0',
  ],
  ball: [
    'M3.5 12a8.5 8.5 0 1 0 17 0 8.5 8.5 0 1 0-17 0',
    'M3.5 12h17',
    'M12 3.5c2.5 2.3 3.8 5.1 3.8 8.5s-1.3 6.2-3.8 8.5',
    'M12 3.5C9.5 5.8 8.2 8.6 8.2 12s1.3 6.2 3.8 8.5',
  ],
  gem: ['M6.5 4h11l3 5-8.5 11L3.5 9z', 'M3.5 9h17', 'M9.5 4L8 9l4 11 4-11-1.5-5'],
  shoe: ['M3 8.5l4 1.5c1.5-.5 2.5-1.5 3-3l3.5 4.5 5 1.2a3 3 0 0 1 2.5 3V17H3z', 'M3 17v2.5h18V17'],
  tag: ['M3.5 12.2V4.5a1 1 0 0 1 1-1h7.7l8.3 8.3a1 1 0 0 1 0 1.4l-7.1 7.1a1 1 0 0 1-1.4 0z', 'M8 8h.01'],
} as const;

/** Category keywords to a thumbnail icon, most specific first ("laptop" before "top", "skin-care" before "car"). */
const CATEGORY_ICONS: [RegExp, IconName][] = [
  [/laptop|computer|notebook/, 'laptop'],
  [/phone|tablet|mobile/, 'phone'],
  [/watch/, 'watch'],
  [/beauty|fragrance|perfume|skin|cosmetic|makeup/, 'sparkle'],
  [/sunglass|glasses|eyewear/, 'glasses'],
  [/shoe|sneaker|boot/, 'shoe'],
  [/bag|luggage/, 'bag'],
  [/jewel|ring|necklace/, 'gem'],
  [/shirt|top|dress|cloth|apparel/, 'shirt'],
  [/furniture|home|kitchen|decor/, 'home'],
  [/grocer|food|drink/, 'basket'],
  [/vehicle|motor|auto|\bcar/, 'car'],
  [/sport|fitness/, 'ball'],
];

export function categoryIcon(category: string): IconName {
  const name = category.toLowerCase();
  return CATEGORY_ICONS.find(([pattern]) => pattern.test(name))?.[1] ?? 'tag';
}

export type IconName = keyof typeof ICONS;

export function icon(name: IconName, size = 20, strokeWidth = 2): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', String(strokeWidth));
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}
