import { inflateSync } from 'node:zlib';
import { chartSvg, renderChart } from '../../functions/insights/chart';

/** Reads width, height, bit depth and colour type from a PNG's IHDR, and checks the image data inflates. */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, bitDepth: png[24], colourType: png[25], raw };
}

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
    const image = decodePng(png);
    expect(image).toMatchObject({ width: 640, height: 360, bitDepth: 8 });
    // Every row of pixels is present: a filter byte plus width × channels bytes.
    const channels = image.colourType === 6 ? 4 : image.colourType === 2 ? 3 : 1;
    expect(image.raw.length).toBe(360 * (1 + 640 * channels));
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
});
