/** Chat platforms a merchant or shopper can reach ShopGuide from (web chat has no bindings). */
export type Platform = 'slack' | 'teams';
export type MemberRole = 'owner' | 'staff';
/** What a bound workspace or channel is for: the store's own team, or the store's shoppers. */
export type BindingPurpose = 'merchant' | 'shopper';

/** `conversationId` is `*` when a whole Slack workspace / Teams tenant is bound. */
export const WHOLE_TENANT = '*';

export interface ChannelBinding {
  platform: Platform;
  tenantId: string;
  conversationId: string;
  storeId: string;
  purpose: BindingPurpose;
  linkedBy: string;
  linkedAt: string;
}

export interface LinkCode {
  code: string;
  storeId: string;
  role: MemberRole;
  purpose: BindingPurpose;
  expiresAt: number;
  createdAt: string;
}

export interface Member {
  storeId: string;
  platform: Platform;
  userId: string;
  role: MemberRole;
  displayName?: string;
  linkedAt: string;
}

/** Where a message from a chat platform goes. Decided in code from bindings, never by the model. */
export type Route =
  | { kind: 'merchant'; storeId: string; role: MemberRole; binding: ChannelBinding }
  | { kind: 'shopper'; storeId: string; binding: ChannelBinding }
  | { kind: 'unlinked' };

export interface Caller {
  platform: Platform;
  tenantId: string;
  conversationId: string;
  userId: string;
  displayName?: string;
}
