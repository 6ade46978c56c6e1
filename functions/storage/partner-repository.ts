import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { ChannelBinding, LinkCode, Member } from '../partners/partner';
import type { PartnerStore } from '../ports/partner-store';
import { partnerKeys } from './keys';
import { isConditionalCheckFailed, type Table } from './table';

export class PartnerRepository implements PartnerStore {
  constructor(private readonly table: Table) {}

  async putLinkCode(code: LinkCode): Promise<boolean> {
    return this.table.putIfAbsent({
      ...partnerKeys.linkCode(code.code),
      entity: 'link-code',
      ...code,
    });
  }

  /**
   * Consumes a code exactly once: the conditional delete lets one redeemer win even when two race.
   * Returns the code when this caller consumed it; undefined when it was unknown, used or expired.
   */
  async consumeLinkCode(code: string, nowEpochSeconds: number): Promise<LinkCode | undefined> {
    try {
      const out = await this.table.client.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: partnerKeys.linkCode(code),
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': nowEpochSeconds },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const item = out.Attributes as (LinkCode & { pk: string }) | undefined;
      if (!item) return undefined;
      return {
        code: item.code,
        storeId: item.storeId,
        role: item.role,
        purpose: item.purpose,
        expiresAt: item.expiresAt,
        createdAt: item.createdAt,
      };
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  async putBinding(binding: ChannelBinding): Promise<void> {
    await this.table.put({
      ...partnerKeys.binding(binding.platform, binding.tenantId, binding.conversationId),
      gsi1pk: partnerKeys.storeBindings(binding.storeId),
      gsi1sk: `${binding.platform}#${binding.tenantId}#${binding.conversationId}`,
      entity: 'binding',
      ...binding,
    });
  }

  async getBinding(platform: string, tenantId: string, conversationId: string) {
    const item = await this.table.get<ChannelBinding & { pk: string }>(
      partnerKeys.binding(platform, tenantId, conversationId),
    );
    return item ? stripBinding(item) : undefined;
  }

  async listBindings(storeId: string): Promise<ChannelBinding[]> {
    const items = await this.table.query<ChannelBinding>(partnerKeys.storeBindings(storeId), {
      index: 'gsi1',
    });
    return items.map(stripBinding);
  }

  async deleteBinding(platform: string, tenantId: string, conversationId: string): Promise<void> {
    await this.table.delete(partnerKeys.binding(platform, tenantId, conversationId));
  }

  async putMember(member: Member): Promise<void> {
    await this.table.put({
      ...partnerKeys.member(member.storeId, member.platform, member.userId),
      entity: 'member',
      ...member,
    });
  }

  async listMembers(storeId: string): Promise<Member[]> {
    const items = await this.table.query<Member & { pk: string; sk: string; entity?: string }>(
      partnerKeys.membersPartition(storeId),
    );
    return items.map(({ pk: _pk, sk: _sk, entity: _e, ...member }) => member);
  }

  async deleteMember(storeId: string, platform: string, userId: string): Promise<void> {
    await this.table.delete(partnerKeys.member(storeId, platform, userId));
  }
}

function stripBinding(item: ChannelBinding): ChannelBinding {
  return {
    platform: item.platform,
    tenantId: item.tenantId,
    conversationId: item.conversationId,
    storeId: item.storeId,
    purpose: item.purpose,
    linkedBy: item.linkedBy,
    linkedAt: item.linkedAt,
  };
}
