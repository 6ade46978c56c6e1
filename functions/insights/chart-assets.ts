import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The two files the chart renderer needs at run time: resvg's WebAssembly module (no per-platform native
 * binary, so the same file runs on a laptop and on Lambda arm64) and an OFL font covering Latin and CJK
 * (Lambda has no system fonts, and a Chinese title would otherwise render as nothing).
 *
 * In Lambda both ship beside the function bundle (the CDK bundling hook calls {@link shipChartAssets}); from
 * source they are read from their npm packages.
 */
export const CHART_ASSET_FILES = { wasm: 'resvg.wasm', font: 'chart-font.otf' } as const;

/** Noto Sans CJK SC Regular (OFL 1.1), as shipped by @embedpdf/fonts-sc: the GB2312 subset plus Latin. */
const FONT_PACKAGE_FILE = 'NotoSansHans-Regular.otf';
/** The font's family name, as the SVG asks for it. */
export const CHART_FONT_FAMILY = 'Noto Sans S Chinese';

export interface ChartAssetPaths {
  wasm: string;
  font: string;
}

/** Where the assets live inside node_modules (development, tests, the bundling hook's source). */
export function packagedChartAssets(): ChartAssetPaths {
  // The font package exports only its index; the fonts sit in `fonts/` next to its `dist/`.
  const fontIndex = require.resolve('@embedpdf/fonts-sc');
  return {
    wasm: require.resolve('@resvg/resvg-wasm/index_bg.wasm'),
    font: path.join(path.dirname(fontIndex), '..', 'fonts', FONT_PACKAGE_FILE),
  };
}

/** The assets beside this module (a deployed bundle) when present, else the packaged ones. */
export function chartAssetPaths(dir: string = __dirname): ChartAssetPaths {
  const beside = {
    wasm: path.join(dir, CHART_ASSET_FILES.wasm),
    font: path.join(dir, CHART_ASSET_FILES.font),
  };
  return existsSync(beside.wasm) && existsSync(beside.font) ? beside : packagedChartAssets();
}

/** Copies the renderer's WebAssembly and the font next to a bundle (the CDK bundling hook of chart functions). */
export async function shipChartAssets(outputDir: string): Promise<void> {
  const source = packagedChartAssets();
  await mkdir(outputDir, { recursive: true });
  await copyFile(source.wasm, path.join(outputDir, CHART_ASSET_FILES.wasm));
  await copyFile(source.font, path.join(outputDir, CHART_ASSET_FILES.font));
}
