import path from 'node:path';
import { buildBesideFile, loadBeside } from '../runtime/beside-bundle';

import type * as ShopperAssistantSource from '../assistant/shopper-assistant';
import type * as MerchantAssistantSource from '../insights/merchant-assistant';

type ShopperAssistantModule = typeof ShopperAssistantSource;
export type MerchantAssistantModule = typeof MerchantAssistantSource;

/**
 * The shopper and merchant assistants are the largest code a front door carries, and most of its requests
 * never run them: web chat serves the page, the widget, sessions, history polls and feedback; the Teams front
 * door mostly acknowledges and enqueues. In Lambda they ship as files beside each bundle (see `bundlingHooks`)
 * and load with the first turn that needs them, so a cold start does not parse them; locally and in tests they
 * are imported from source. The copies beside the bundle hold no state of their own (every store, cache and
 * client is injected), and their errors are recognised by brand, not class (`errors/errors.ts`).
 */
export const SHOPPER_ASSISTANT_FILE = 'shopper-assistant.js';
export const MERCHANT_ASSISTANT_FILE = 'merchant-assistant.js';

export function loadShopperAssistantModule(): Promise<ShopperAssistantModule> {
  return loadBeside<ShopperAssistantModule>(
    __dirname,
    SHOPPER_ASSISTANT_FILE,
    '../assistant/shopper-assistant',
    'ShopperAssistant',
  );
}

export function loadMerchantAssistantModule(): Promise<MerchantAssistantModule> {
  return loadBeside<MerchantAssistantModule>(
    __dirname,
    MERCHANT_ASSISTANT_FILE,
    '../insights/merchant-assistant',
    'answerMerchantQuestion',
  );
}

/** Bundles both assistants into `outDir` (the CDK bundling hook of every function). */
export async function buildAssistantFiles(outDir: string): Promise<void> {
  await buildBesideFile(
    path.join(__dirname, '../assistant/shopper-assistant.ts'),
    path.join(outDir, SHOPPER_ASSISTANT_FILE),
  );
  await buildBesideFile(
    path.join(__dirname, '../insights/merchant-assistant.ts'),
    path.join(outDir, MERCHANT_ASSISTANT_FILE),
  );
}
