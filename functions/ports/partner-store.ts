import type { ChannelBinding, LinkCode, Member } from '../partners/partner';

/** Link codes, channel bindings and members of the merchant side. */
export interface PartnerStore {
  putLinkCode(code: LinkCode): Promise<boolean>;
  consumeLinkCode(code: string, nowEpochSeconds: number): Promise<LinkCode | undefined>;
  putBinding(binding: ChannelBinding): Promise<void>;
  getBinding(platform: string, tenantId: string, conversationId: string): Promise<ChannelBinding | undefined>;
  listBindings(storeId: string): Promise<ChannelBinding[]>;
  deleteBinding(platform: string, tenantId: string, conversationId: string): Promise<void>;
  putMember(member: Member): Promise<void>;
  listMembers(storeId: string): Promise<Member[]>;
  deleteMember(storeId: string, platform: string, userId: string): Promise<void>;
}
