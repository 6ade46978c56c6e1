import { readFile } from 'node:fs/promises';
import type * as ResvgWasm from '@resvg/resvg-wasm';
import { CHART_FONT_FAMILY, chartAssetPaths } from './chart-assets';

/**
 * Server-side charts: a small SVG built here, rasterised by resvg compiled to WebAssembly (one portable file,
 * no native binary). Bars for rankings, a line for daily trends. Text is drawn with the bundled Noto Sans CJK
 * font only, never the system fonts, so a chart looks the same on a laptop and in Lambda, in English or Chinese.
 */

export interface ChartSpec {
  kind: 'bar' | 'line';
  title: string;
  labels: string[];
  values: number[];
  /** Axis caption for the values, e.g. `units` or `revenue (USD)`. */
  valueLabel: string;
  width?: number;
  height?: number;
}

export const DEFAULT_CHART_SIZE = { width: 800, height: 450 } as const;

const FONT = CHART_FONT_FAMILY;
const BAR_COLOUR = '#2f6fde';

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A rounded axis maximum and tick step for `max`. */
function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 0.25 };
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step =
    [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => max / s <= 5) ??
    magnitude * 10;
  return { top: Math.ceil(max / step) * step, step };
}

function formatTick(n: number): string {
  if (n >= 1_000_000) return `${round(n / 1_000_000)}M`;
  if (n >= 1000) return `${round(n / 1000)}k`;
  return String(round(n));
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Horizontal bars: long product names stay readable. */
function barSvg(spec: ChartSpec, width: number, height: number): string {
  const left = Math.min(300, Math.round(width * 0.36));
  const top = 48;
  const bottom = 40;
  const right = 70;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = Math.max(1, spec.values.length);
  const band = plotH / n;
  const barH = Math.max(2, band * 0.7);
  const { top: maxValue, step } = niceScale(Math.max(0, ...spec.values));
  const x = (v: number) => left + (Math.max(0, v) / maxValue) * plotW;
  const parts: string[] = [];
  for (let t = 0; t <= maxValue + 1e-9; t += step) {
    parts.push(
      `<line x1="${x(t)}" y1="${top}" x2="${x(t)}" y2="${top + plotH}" stroke="#e3e6eb" stroke-width="1"/>`,
      `<text x="${x(t)}" y="${top + plotH + 18}" font-size="12" text-anchor="middle" fill="#555">${formatTick(t)}</text>`,
    );
  }
  spec.values.forEach((value, i) => {
    const y = top + i * band + (band - barH) / 2;
    const label = escapeXml(truncate(spec.labels[i] ?? '', 38));
    parts.push(
      `<rect x="${left}" y="${y}" width="${Math.max(1, x(value) - left)}" height="${barH}" fill="${BAR_COLOUR}" rx="2"/>`,
      `<text x="${left - 8}" y="${y + barH / 2 + 4}" font-size="12" text-anchor="end" fill="#222">${label}</text>`,
      `<text x="${x(value) + 6}" y="${y + barH / 2 + 4}" font-size="12" fill="#222">${escapeXml(formatTick(value))}</text>`,
    );
  });
  parts.push(
    `<text x="${left + plotW / 2}" y="${height - 6}" font-size="12" text-anchor="middle" fill="#555">${escapeXml(spec.valueLabel)}</text>`,
  );
  return parts.join('');
}

function lineSvg(spec: ChartSpec, width: number, height: number): string {
  const left = 70;
  const top = 48;
  const bottom = 60;
  const right = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const { top: maxValue, step } = niceScale(Math.max(0, ...spec.values));
  const n = spec.values.length;
  const x = (i: number) => left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => top + plotH - (Math.max(0, v) / maxValue) * plotH;
  const parts: string[] = [];
  for (let t = 0; t <= maxValue + 1e-9; t += step) {
    parts.push(
      `<line x1="${left}" y1="${y(t)}" x2="${left + plotW}" y2="${y(t)}" stroke="#e3e6eb" stroke-width="1"/>`,
      `<text x="${left - 8}" y="${y(t) + 4}" font-size="12" text-anchor="end" fill="#555">${formatTick(t)}</text>`,
    );
  }
  if (n > 0) {
    const path = spec.values
      .map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
      .join(' ');
    parts.push(
      `<path d="${path}" fill="none" stroke="${BAR_COLOUR}" stroke-width="2.5" stroke-linejoin="round"/>`,
    );
    spec.values.forEach((v, i) =>
      parts.push(`<circle cx="${x(i)}" cy="${y(v)}" r="3" fill="${BAR_COLOUR}"/>`),
    );
    const every = Math.max(1, Math.ceil(n / 8));
    spec.labels.forEach((label, i) => {
      if (i % every !== 0 && i !== n - 1) return;
      parts.push(
        `<text x="${x(i)}" y="${top + plotH + 18}" font-size="11" text-anchor="middle" fill="#555">${escapeXml(truncate(label, 12))}</text>`,
      );
    });
  }
  parts.push(
    `<text x="${left + plotW / 2}" y="${height - 10}" font-size="12" text-anchor="middle" fill="#555">${escapeXml(spec.valueLabel)}</text>`,
  );
  return parts.join('');
}

/** The chart as SVG text, exactly `width` × `height`. */
export function chartSvg(spec: ChartSpec): string {
  const width = spec.width ?? DEFAULT_CHART_SIZE.width;
  const height = spec.height ?? DEFAULT_CHART_SIZE.height;
  const body = spec.kind === 'bar' ? barSvg(spec, width, height) : lineSvg(spec, width, height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    `<text x="16" y="28" font-size="16" font-weight="bold" fill="#111">${escapeXml(truncate(spec.title, 80))}</text>` +
    body +
    '</svg>'
  );
}

interface Renderer {
  Resvg: typeof ResvgWasm.Resvg;
  font: Uint8Array;
}

let renderer: Promise<Renderer> | undefined;

/** Compiles the WebAssembly and reads the font once per process; a failed load is retried on the next chart. */
function loadRenderer(): Promise<Renderer> {
  renderer ??= (async () => {
    const assets = chartAssetPaths();
    const [resvg, wasm, font] = await Promise.all([
      import('@resvg/resvg-wasm'),
      readFile(assets.wasm),
      readFile(assets.font),
    ]);
    await resvg.initWasm(wasm);
    return { Resvg: resvg.Resvg, font: new Uint8Array(font) };
  })().catch((error: unknown) => {
    renderer = undefined;
    throw error;
  });
  return renderer;
}

/** Rasterises any SVG with the chart font (tests use it to draw single glyphs). */
export async function renderSvg(svg: string): Promise<Buffer> {
  const { Resvg, font } = await loadRenderer();
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    font: { fontBuffers: [font], defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  });
  try {
    const image = resvg.render();
    const png = Buffer.from(image.asPng());
    image.free();
    return png;
  } finally {
    resvg.free();
  }
}

/** Renders the chart to a PNG of exactly `width` × `height` pixels. */
export async function renderChart(spec: ChartSpec): Promise<Buffer> {
  if (spec.labels.length !== spec.values.length)
    throw new RangeError('Chart labels and values differ in length');
  return renderSvg(chartSvg(spec));
}
