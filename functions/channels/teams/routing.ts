import type { Composition } from '../../app/compose';
import { STORE_ID_PATTERN } from '../../stores/store';
import type { InboundActivity } from './activity';
import { tenantOf, verifiedTenantOf } from './activity-identity';
import { splitThreadId } from './mentions';

/** Who decided what a Teams conversation may reach. Store scoping comes from bindings, never from the text. */
export type TeamsRoute = { kind: 'merchant'; storeId: string } | { kind: 'shopper'; storeId: string };

/**
 * A conversation linked to a store (shopper binding, or the store team's tenant) goes there. Anyone else is
 * a shopper: of the store their Web Chat embed names, or of the only store of a single-store deployment.
 */
export async function resolveTeamsRoute(
  services: Pick<Composition, 'partnerService' | 'stores'>,
  activity: InboundActivity,
): Promise<TeamsRoute | undefined> {
  const { baseId } = splitThreadId(activity.conversation.id);
  const route = await services.partnerService.route('teams', tenantOf(activity), baseId);
  // Merchant tools only for a tenant Teams verified; anything else is at most a shopper.
  if (route.kind === 'shopper' || (route.kind === 'merchant' && verifiedTenantOf(activity)))
    return { kind: route.kind, storeId: route.storeId };
  const requested = activity.channelData?.storeId;
  if (
    typeof requested === 'string' &&
    STORE_ID_PATTERN.test(requested) &&
    (await services.stores.get(requested))
  ) {
    return { kind: 'shopper', storeId: requested };
  }
  const stores = await services.stores.list();
  return stores.length === 1 && stores[0] ? { kind: 'shopper', storeId: stores[0].id } : undefined;
}
