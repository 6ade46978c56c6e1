import { randomInt } from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors/errors';
import type { PartnerStore } from '../ports/partner-store';
import type { Clock, StoreDirectory } from '../ports/stores';
import {
  WHOLE_TENANT,
  type BindingPurpose,
  type Caller,
  type ChannelBinding,
  type LinkCode,
  type MemberRole,
  type Platform,
  type Route,
} from './partner';

export const LINK_CODE_TTL_SECONDS = 15 * 60;
// No 0/O/1/I: codes are read aloud and typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export type LinkResult =
  { ok: true; binding: ChannelBinding; role: MemberRole } | { ok: false; reason: 'invalid_or_expired' };

/**
 * Partner linking and routing, shared by Slack, Teams and the CLI. A chat workspace gets merchant tools
 * only through a binding created by redeeming a one-time code, and only for the code's store.
 */
export class PartnerService {
  constructor(
    private readonly partners: PartnerStore,
    private readonly stores: Pick<StoreDirectory, 'get'>,
    private readonly now: Clock = () => new Date(),
  ) {}

  async createLinkCode(
    storeId: string,
    options: { role?: MemberRole; purpose?: BindingPurpose } = {},
  ): Promise<LinkCode> {
    if (!(await this.stores.get(storeId))) throw new NotFoundError(`Unknown store ${storeId}`);
    for (;;) {
      const code: LinkCode = {
        code: Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''),
        storeId,
        role: options.role ?? 'owner',
        purpose: options.purpose ?? 'merchant',
        expiresAt: Math.floor(this.now().getTime() / 1000) + LINK_CODE_TTL_SECONDS,
        createdAt: this.now().toISOString(),
      };
      if (await this.partners.putLinkCode(code)) return code;
    }
  }

  /**
   * Binds the caller's workspace (merchant codes) or channel (shopper codes) to the code's store.
   * Single use: a second redeemer, or one after 15 minutes, gets `invalid_or_expired`.
   */
  async redeemLinkCode(rawCode: string, caller: Caller): Promise<LinkResult> {
    const code = normaliseCode(rawCode);
    if (!code) return { ok: false, reason: 'invalid_or_expired' };
    const linkCode = await this.partners.consumeLinkCode(code, Math.floor(this.now().getTime() / 1000));
    if (!linkCode) return { ok: false, reason: 'invalid_or_expired' };
    const binding: ChannelBinding = {
      platform: caller.platform,
      tenantId: caller.tenantId,
      conversationId: linkCode.purpose === 'shopper' ? caller.conversationId : WHOLE_TENANT,
      storeId: linkCode.storeId,
      purpose: linkCode.purpose,
      linkedBy: caller.userId,
      linkedAt: this.now().toISOString(),
    };
    await this.partners.putBinding(binding);
    if (linkCode.purpose === 'merchant') {
      await this.partners.putMember({
        storeId: linkCode.storeId,
        platform: caller.platform,
        userId: caller.userId,
        role: linkCode.role,
        displayName: caller.displayName,
        linkedAt: binding.linkedAt,
      });
    }
    return { ok: true, binding, role: linkCode.role };
  }

  /**
   * Decides what a message from a platform conversation may reach. A channel-level binding wins over a
   * workspace-level one, so a store can bind its workspace for merchants and one public channel for shoppers.
   */
  async route(platform: Platform, tenantId: string, conversationId: string): Promise<Route> {
    const binding =
      (await this.partners.getBinding(platform, tenantId, conversationId)) ??
      (await this.partners.getBinding(platform, tenantId, WHOLE_TENANT));
    if (!binding) return { kind: 'unlinked' };
    if (binding.purpose === 'shopper') return { kind: 'shopper', storeId: binding.storeId, binding };
    return { kind: 'merchant', storeId: binding.storeId, role: 'staff', binding };
  }

  async list(storeId: string) {
    const [bindings, members] = await Promise.all([
      this.partners.listBindings(storeId),
      this.partners.listMembers(storeId),
    ]);
    return { bindings, members };
  }

  /** Removes a binding of this store; refuses to touch another store's binding. */
  async unlink(storeId: string, platform: Platform, tenantId: string, conversationId = WHOLE_TENANT) {
    const binding = await this.partners.getBinding(platform, tenantId, conversationId);
    if (!binding || binding.storeId !== storeId) {
      throw new NotFoundError(`No ${platform} binding ${tenantId}/${conversationId} for store ${storeId}`);
    }
    await this.partners.deleteBinding(platform, tenantId, conversationId);
    return binding;
  }
}

function normaliseCode(raw: string): string | undefined {
  const code = raw.trim().toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9]{8}$/.test(code)) return undefined;
  return code;
}

export function assertPlatform(value: string): Platform {
  if (value === 'slack' || value === 'teams') return value;
  throw new ValidationError(`Unknown platform ${value}: use slack or teams`);
}
