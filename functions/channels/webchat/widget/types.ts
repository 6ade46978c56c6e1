/** The widget's public API on `window.ShopGuide`. */
import type { Language } from '../../../language/language';

export interface MountOptions {
  storeId: string;
  /** Base URL of the ShopGuide API, without a trailing slash (the part before `/webchat/...`). */
  apiBase: string;
  /** `floating`: a launcher button and a panel. `inline`: fills `target`. */
  mode?: 'floating' | 'inline';
  target?: Element;
  /** Accent color as `#rgb` or `#rrggbb`. */
  color?: string;
  language?: Language;
  customer?: { id: string; expiresAt: number; signature: string };
}

export interface WidgetHandle {
  readonly storeId: string;
  open(): void;
  close(): void;
  send(text: string): Promise<void>;
  destroy(): void;
}

export interface ShopGuideApi {
  version: string;
  mount(options: MountOptions): WidgetHandle;
  widgets: WidgetHandle[];
}
