import type { Services } from '../app/services';
import type { ShopperReply, ShopperTurnInput } from './types';

/**
 * The shopper assistant: stores the message, answers it (LLM with tools, or the offline assistant), checks
 * the answer is grounded, stores the reply and updates the conversation. Channel adapters call only this.
 */
export class ShopperAssistant {
  constructor(private readonly services: Services) {}

  async handleMessage(input: ShopperTurnInput): Promise<ShopperReply> {
    void this.services;
    void input;
    throw new Error('not implemented yet');
  }
}
