/** Pure folds over a store's outcome events: the funnel, shopper interest and how the bot performed. */
import type { OutcomeEvent } from '../feedback/outcome-event';
import { percentOf, round2 } from './percent';
import type { BotPerformance, Funnel, PeriodRef } from './insight-results';

function conversationKey(event: OutcomeEvent): string {
  return event.conversationId ?? event.replyId ?? event.eventId;
}

export function funnelOf(events: OutcomeEvent[], period: PeriodRef): Funnel {
  const steps = {
    asked: new Set<string>(),
    shown: new Set<string>(),
    clicked: new Set<string>(),
    bought: new Set<string>(),
  };
  for (const event of events) {
    const key = conversationKey(event);
    if (event.type === 'shown' || event.type === 'unanswered' || event.type === 'handoff')
      steps.asked.add(key);
    if (event.type === 'shown') steps.shown.add(key);
    if (event.type === 'click' || event.type === 'add_to_cart') steps.clicked.add(key);
    if (event.type === 'purchase') steps.bought.add(key);
  }
  const asked = steps.asked.size;
  return {
    period,
    asked,
    shown: steps.shown.size,
    clicked: steps.clicked.size,
    bought: steps.bought.size,
    shownRate: percentOf(steps.shown.size, asked),
    clickRate: percentOf(steps.clicked.size, steps.shown.size),
    buyRate: percentOf(steps.bought.size, steps.clicked.size),
  };
}

/** How often shoppers were shown, clicked or carted each product id. */
export function interestByProduct(events: OutcomeEvent[]): Map<string, number> {
  const interest = new Map<string, number>();
  const bump = (id: string | undefined) => {
    if (id) interest.set(id, (interest.get(id) ?? 0) + 1);
  };
  for (const event of events) {
    if (event.type === 'shown') for (const id of event.productIds ?? []) bump(id);
    if (event.type === 'click' || event.type === 'add_to_cart') bump(event.productId);
  }
  return interest;
}

export function botPerformanceOf(events: OutcomeEvent[], period: PeriodRef): BotPerformance {
  const conversations = new Map<string, Set<OutcomeEvent['type'] | 'down'>>();
  // The last rating of a reply wins: a change names the rating it replaces.
  const finalRatings = new Map<string, 'up' | 'down'>();
  const attributedOrders = new Set<string>();
  let attributedRevenue = 0;
  for (const event of events) {
    const key = conversationKey(event);
    const kinds = conversations.get(key) ?? new Set();
    kinds.add(event.type);
    if (event.type === 'feedback' && event.rating) {
      finalRatings.set(`${key}|${event.replyId ?? event.eventId}`, event.rating);
    }
    if (event.type === 'purchase' && event.orderId) {
      attributedOrders.add(event.orderId);
      attributedRevenue += event.revenue ?? 0;
    }
    conversations.set(key, kinds);
  }
  let up = 0;
  let down = 0;
  for (const [replyKey, rating] of finalRatings) {
    if (rating === 'up') up += 1;
    else {
      down += 1;
      conversations.get(replyKey.slice(0, replyKey.lastIndexOf('|')))?.add('down');
    }
  }
  const total = conversations.size;
  const handoffs = [...conversations.values()].filter((k) => k.has('handoff')).length;
  const resolved = [...conversations.values()].filter(
    (k) => !k.has('handoff') && !k.has('unanswered') && !k.has('down'),
  ).length;
  return {
    period,
    conversations: total,
    thumbsUp: up,
    thumbsDown: down,
    csat: percentOf(up, up + down),
    handoffs,
    handoffRate: percentOf(handoffs, total),
    resolved,
    resolutionRate: percentOf(resolved, total),
    funnel: funnelOf(events, period),
    attributedOrders: attributedOrders.size,
    attributedRevenue: round2(attributedRevenue),
  };
}
