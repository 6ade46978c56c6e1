/**
 * Keyword families for the intents that are not product search: asking for a person, tracking an order, and
 * store policy questions (returns, warranty, shipping). Each family is stems with typo tolerance plus phrases,
 * never a list of known sentences.
 */
import { anyWordIsLike, anyWordStartsLike, boundedDistance, startsLike } from './word-match';

export type PolicyTopic = 'shipping' | 'returns' | 'warranty';

const CONTACT_VERBS = [
  'talk',
  'speak',
  'chat',
  'contact',
  'reach',
  'call',
  'connect',
  'transfer',
  'escalate',
];
/** Real words one typo away from a contact verb. */
const NOT_CONTACT_VERBS = new Set([
  'tall',
  'tale',
  'talc',
  'tank',
  'task',
  'chap',
  'chai',
  'coat',
  'calm',
  'cell',
  'react',
]);
const PEOPLE = [
  'human',
  'person',
  'people',
  'agent',
  'operator',
  'somebody',
  'someone',
  'representative',
  'rep',
  'assistant',
  'staff',
  'employee',
  'manager',
  'supervisor',
  'support',
  'helpdesk',
];
const HUMAN_PHRASES =
  /\b(?:live|human|real)\s+(?:agent|person|operator|human|being|rep|representative|support)\b|\bcustomer\s+(?:service|support|care|assistance|services)\b|\b(?:a|an)\s+(?:human|representative)\b|\bget\s+in\s+touch\b(?=.*\b(?:with|someone|somebody|support|team)\b)|\bput\s+me\s+through\b|\bhand\s+me\s+over\b/i;
const HUMAN_ZH = /转人工|人工客服|人工服务|找人工|要人工|真人|客服|人工(?!智能)|活人|转接/;

/** "talking", and typos such as "taok" or "cantact", but not other words that start alike ("taken"). */
function isContactVerb(word: string): boolean {
  if (NOT_CONTACT_VERBS.has(word)) return false;
  const base = word.replace(/(?:ing|ed|s)$/, '');
  return CONTACT_VERBS.some(
    (verb) =>
      word.startsWith(verb) ||
      (base.length >= 4 &&
        base[0] === verb[0] &&
        Math.abs(base.length - verb.length) <= 1 &&
        boundedDistance(base, verb, 1, false) <= 1),
  );
}

export function asksForHuman(text: string, words: readonly string[]): boolean {
  if (HUMAN_ZH.test(text) || HUMAN_PHRASES.test(text)) return true;
  return words.some(isContactVerb) && anyWordIsLike(words, PEOPLE);
}

const ORDER_NOUNS = ['order', 'purchase', 'package', 'parcel', 'shipment', 'delivery'];
const ORDER_TRACKING_ZH =
  /物流|快递(?:到|在)?哪|到哪了|到哪里了|在哪了|查件|单号|订单(?:状态|进度|到哪|在哪|查询|信息)|查(?:一下|询)?(?:我的)?订单|我的(?:订单|包裹|快递)|发货了(?:吗|没)/;

function hasOrderNoun(words: readonly string[]): boolean {
  return words.some((word) =>
    ORDER_NOUNS.some((noun) => startsLike(word, noun) || (noun === 'order' && word === 'oder')),
  );
}

/** Tracking words: "track", "status", "ETA", "locate", "where is my order", 物流, 快递到哪了. */
export function asksForOrderTracking(text: string, words: readonly string[]): boolean {
  if (ORDER_TRACKING_ZH.test(text)) return true;
  if (/\beta\b|\bestimated\s+(?:time\s+of\s+arrival|delivery\s+date)\b/i.test(text)) return true;
  if (
    /\bwhere(?:'s|s|\s+is|\s+are)\s+(?:my|the)\s+(?:order|purchase|package|parcel|shipment|delivery|stuff)/i.test(
      text,
    )
  ) {
    return true;
  }
  const tracking = words.some(
    (word) => startsLike(word, 'track') || startsLike(word, 'locat') || word === 'status',
  );
  return tracking && hasOrderNoun(words);
}

const RETURNS_STEMS = ['refund', 'reimburs', 'rebat', 'compensat', 'restitution', 'return', 'exchang'];
const RETURNS_PHRASES = /\b(?:money|cash)\s+back\b|\bsend\s+(?:it\s+)?back\b|\bgive\s+back\b/i;
const RETURNS_ZH = /退货|退款|退换|换货|退钱|无理由|退回|返还/;
const WARRANTY_STEMS = ['warrant', 'guarante'];
const WARRANTY_ZH = /保修|质保|保固|售后|维修/;
const SHIPPING_STEMS = ['ship', 'deliver', 'arriv', 'postage', 'courier', 'freight', 'dispatch'];
const SHIPPING_PHRASES =
  /\bhow\s+(?:soon|fast|quickly)\b|\bhow\s+long\b.*\b(?:take|takes|get|come|arrive)\b|\bexpect\s+(?:my|the|a|an|our)\b/i;
/** After "order from", these say who sells, not where it ships. */
const SELLER_WORDS = new Set(['you', 'your', 'ur', 'u', 'this', 'here', 'the', 'amazon']);
const SHIPPING_ZH =
  /运费|邮费|快递费|包邮|免运费|发货|配送|送货|运送|寄送|多久(?:能)?到|几天(?:能)?到|送达|物流时效|能寄|寄到|邮寄/;

/** "can I order from Munich", "ordering from Canada": a question about where the store ships. */
function asksToOrderFromPlace(words: readonly string[]): boolean {
  return words.some(
    (word, i) =>
      (startsLike(word, 'order') || word === 'buy' || word === 'purchase') &&
      words[i + 1] !== undefined &&
      (words[i + 1] === 'from' ||
        (words[i + 1].length >= 4 && boundedDistance(words[i + 1], 'from', 1, false) <= 1)) &&
      words[i + 2] !== undefined &&
      !SELLER_WORDS.has(words[i + 2]),
  );
}

/** Returns outrank warranty, which outranks shipping: "I expect a refund" is about the refund. */
export function detectPolicyTopic(text: string, words: readonly string[]): PolicyTopic | undefined {
  if (RETURNS_ZH.test(text) || RETURNS_PHRASES.test(text) || anyWordStartsLike(words, RETURNS_STEMS))
    return 'returns';
  if (WARRANTY_ZH.test(text) || anyWordStartsLike(words, WARRANTY_STEMS)) return 'warranty';
  const shipsExactly = words.some((word) => word.startsWith('ship'));
  const shippingStem = anyWordStartsLike(
    words,
    SHIPPING_STEMS.filter((stem) => stem !== 'ship'),
  );
  if (SHIPPING_ZH.test(text) || SHIPPING_PHRASES.test(text) || shipsExactly || shippingStem)
    return 'shipping';
  if (asksToOrderFromPlace(words)) return 'shipping';
  return undefined;
}
