import { CHART_FONT_FAMILY } from '../../functions/insights/chart-assets';
import { chartSvg, renderChart, renderSvg } from '../../functions/insights/chart';
import { decodePng, inkIn } from '../support/png';

/** One character, large, in the chart font. */
const glyphSvg = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><text x="12" y="100" font-size="96" font-family="${CHART_FONT_FAMILY}">${text}</text></svg>`;
const WHOLE_GLYPH = { x: 0, y: 0, width: 120, height: 120 };

describe('chart rendering', () => {
  test('a bar chart of top products is a PNG of the requested size', async () => {
    const png = await renderChart({
      kind: 'bar',
      title: 'Top products 2026-03-09..2026-03-16',
      labels: ['Apple MacBook Pro 14 Inch Space Grey', 'Mug Tree Stand', 'iPhone 6', '蓝牙音箱'],
      values: [9, 9, 8, 2],
      valueLabel: 'units',
      width: 640,
      height: 360,
    });
    expect(decodePng(png)).toMatchObject({ width: 640, height: 360, bitDepth: 8 });
  });

  test('a line chart of a daily trend defaults to 800 × 450', async () => {
    const png = await renderChart({
      kind: 'line',
      title: 'Daily revenue',
      labels: ['03-01', '03-02', '03-03'],
      values: [120.5, 0, 342.25],
      valueLabel: 'revenue (USD)',
    });
    expect(decodePng(png)).toMatchObject({ width: 800, height: 450 });
  });

  test('labels are escaped, so a product name cannot break the SVG', () => {
    const svg = chartSvg({ kind: 'bar', title: 't', labels: ['<script>&"'], values: [1], valueLabel: 'u' });
    expect(svg).toContain('&lt;script&gt;&amp;&quot;');
    expect(svg).not.toContain('<script>');
  });

  test('the bundled font draws CJK glyphs: "中" is neither blank nor the missing-glyph box', async () => {
    const zhong = decodePng(await renderSvg(glyphSvg('中')));
    const guo = decodePng(await renderSvg(glyphSvg('国')));
    // A private-use code point no font covers: what a character without a glyph looks like.
    const missing = decodePng(await renderSvg(glyphSvg('\uE000')));
    expect(inkIn(zhong, WHOLE_GLYPH)).toBeGreaterThan(500);
    expect(Buffer.from(zhong.rgba).equals(Buffer.from(missing.rgba))).toBe(false);
    expect(Buffer.from(zhong.rgba).equals(Buffer.from(guo.rgba))).toBe(false);
    // 中's long vertical stroke crosses the centre, where the missing-glyph box (a frame) has none.
    expect(inkIn(zhong, { x: 55, y: 20, width: 10, height: 20 })).toBeGreaterThan(50);
    // The same font covers Latin.
    expect(inkIn(decodePng(await renderSvg(glyphSvg('A'))), WHOLE_GLYPH)).toBeGreaterThan(300);
  });

  test('a Chinese chart title is drawn, not dropped', async () => {
    const spec = { kind: 'bar' as const, labels: ['a'], values: [1], valueLabel: '件数' };
    const titled = decodePng(await renderChart({ ...spec, title: '畅销产品' }));
    const untitled = decodePng(await renderChart({ ...spec, title: '' }));
    const titleArea = { x: 0, y: 0, width: 200, height: 40 };
    expect(inkIn(untitled, titleArea)).toBe(0);
    expect(inkIn(titled, titleArea)).toBeGreaterThan(100);
  });
});
