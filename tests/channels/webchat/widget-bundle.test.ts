import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { escapeHtml, renderChatPage, renderNotFoundPage } from '../../../functions/channels/webchat/page';
import {
  buildWidgetFile,
  createWidgetScriptLoader,
  getWidgetScript,
  WidgetUnavailableError,
} from '../../../functions/channels/webchat/widget-bundle';

/** Runs the bundle in a bare context (no DOM) and returns the globals it added. */
function globalsAddedBy(script: string): { added: string[]; context: vm.Context } {
  const sandbox: Record<string, unknown> = {};
  sandbox.window = sandbox;
  const context = vm.createContext(sandbox);
  const before = new Set(Object.getOwnPropertyNames(context));
  vm.runInContext(script, context);
  return { added: Object.getOwnPropertyNames(context).filter((name) => !before.has(name)), context };
}

describe('renderChatPage', () => {
  it('escapes the store name, store id and script URL wherever they are interpolated', () => {
    // Prepare
    const hostile = {
      storeId: 'demo"><script>alert(1)</script>',
      storeName: `</title><script>alert('x')</script> & Co "quoted"`,
      widgetSrc: '/webchat/widget.js" onload="alert(2)',
    };

    // Act
    const html = renderChatPage(hostile);

    // Assess
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('" onload="');
    expect(html).toContain(
      '&lt;/title&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co &quot;quoted&quot;',
    );
    expect(html).toContain('data-store="demo&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('src="/webchat/widget.js&quot; onload=&quot;alert(2)"');
  });

  it('embeds the widget with one script tag in inline mode, next to its #shopguide-chat container', () => {
    // Act
    const html = renderChatPage({
      storeId: 'demo',
      storeName: 'Demo Store',
      widgetSrc: '/webchat/widget.js',
    });

    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">',
    );
    expect(html).toContain('id="shopguide-chat"');
    expect(html).toContain(
      '<script src="/webchat/widget.js" data-store="demo" data-mode="inline" async></script>',
    );
    expect(html).toContain('<title>Demo Store · Shopping assistant</title>');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });
});

describe('renderNotFoundPage', () => {
  it('is a complete HTML page that says the store was not found', () => {
    const html = renderNotFoundPage();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Store not found');
  });
});

describe('getWidgetScript', () => {
  it('returns a minified IIFE that defines no global except the ShopGuide namespace', async () => {
    // Act
    const script = await getWidgetScript();
    const { added, context } = globalsAddedBy(script);

    // Assess
    expect(script.length).toBeGreaterThan(1000);
    expect(script).toMatch(/^("use strict";)?\(\(\)=>\{/);
    // A budget, so the one tag a store adds stays cheap on a phone (gzip takes it to about a quarter).
    expect(Buffer.byteLength(script)).toBeLessThan(80 * 1024);
    expect(added).toEqual(['ShopGuide']);
    const namespace = context.ShopGuide as { version: unknown; mount: unknown; widgets: unknown };
    expect(typeof namespace.version).toBe('string');
    expect(typeof namespace.mount).toBe('function');
    expect(namespace.widgets).toEqual([]);
  });

  it('builds once per process and serves the same script afterwards', async () => {
    const [first, second] = await Promise.all([getWidgetScript(), getWidgetScript()]);
    expect(second).toBe(first);
    expect(await getWidgetScript()).toBe(first);
  });

  it('keeps its styles and text out of reach of the host page: no innerHTML, a shadow root, scoped classes', async () => {
    const script = await getWidgetScript();
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(script).toContain('attachShadow');
    expect(script).toContain('.shopguide-root');
  });
});

describe('createWidgetScriptLoader', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'shopguide-widget-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a prebuilt widget.js when one sits next to the function, without building', async () => {
    // Prepare
    const prebuiltFile = path.join(dir, 'widget.js');
    await writeFile(prebuiltFile, '(()=>{window.ShopGuide={}})();');
    const loader = createWidgetScriptLoader({ prebuiltFile, entryPoint: path.join(dir, 'missing.ts') });

    // Act
    const script = await loader();

    // Assess
    expect(script).toBe('(()=>{window.ShopGuide={}})();');
  });

  it('fails with a typed error when neither a prebuilt file nor the source exists, and retries next time', async () => {
    // Prepare
    const prebuiltFile = path.join(dir, 'widget.js');
    const loader = createWidgetScriptLoader({ prebuiltFile, entryPoint: path.join(dir, 'missing.ts') });

    // Act and assess
    await expect(loader()).rejects.toBeInstanceOf(WidgetUnavailableError);
    await writeFile(prebuiltFile, '(()=>{})();');
    await expect(loader()).resolves.toBe('(()=>{})();');
  });
});

describe('buildWidgetFile', () => {
  it('writes the same bundle the server builds in memory, for the CDK bundling hook', async () => {
    // Prepare
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shopguide-widget-'));
    const outFile = path.join(dir, 'widget.js');
    try {
      // Act
      await buildWidgetFile(outFile);

      // Assess
      expect(await readFile(outFile, 'utf8')).toBe(await getWidgetScript());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
