/**
 * Word families of the follow-up grammar, in English and Chinese: comparatives ("cheaper", "便宜点"),
 * refinement verbs ("show more", "还有吗"), ordinals ("the second one", "第二个"), superlatives used as
 * references ("the cheapest one", "最便宜的那个") and the acts a shopper performs on a shown list (compare,
 * add to cart, ask for advice). Data only: `follow-up.ts` applies them.
 */

const ORDINAL_EN = String.raw`first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last|final|latter|former`;
const ITEM_EN = String.raw`one|ones|item|items|product|products|option|options|result|results|choice|choices|pick|picks|model|models|phone|phones|laptop|laptops`;
const COUNT_EN = String.raw`two|three|four|five|2|3|4|5`;
const ORDINAL_ZH = String.raw`[一二三四五12345]`;
const UNIT_ZH = String.raw`个|款|件|种|项|台|部|只|条|双|支|瓶|副|把|张|辆`;
const COUNT_ZH = String.raw`两|二|三|四|五|2|3|4|5`;

export const EN_ORDINAL_INDEX: Readonly<Record<string, number>> = {
  first: 0,
  '1st': 0,
  former: 0,
  second: 1,
  '2nd': 1,
  latter: -1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  '4th': 3,
  fifth: 4,
  '5th': 4,
  last: -1,
  final: -1,
};
export const COUNT_VALUE: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  一: 1,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
};

export const GRAMMAR = {
  /** "the second one", "the 3rd", "the first and the third", "number 2", "#2", "option 3". */
  positionEn: new RegExp(
    String.raw`\b(?:the\s+)?(${ORDINAL_EN})(?:\s+(?:${ITEM_EN}))?\b|\b(?:number|no\.?|#|option|item|product)\s?([1-5])\b`,
    'giu',
  ),
  /** An ordinal needs a determiner or a noun to be a reference: "first time" is not. */
  positionEnAnchored: new RegExp(
    String.raw`\b(?:the|and|or|vs\.?|versus|with|,)\s+(?:${ORDINAL_EN})\b|\b(?:${ORDINAL_EN})\s+(?:${ITEM_EN}|two|three|2|3)\b|\b(?:number|no\.?|#|option|item)\s?[1-5]\b|^\s*(?:${ORDINAL_EN})\s*[?.!]*\s*$`,
    'iu',
  ),
  /** "the first two", "the top 3", "both", "these two". */
  leadingEn: new RegExp(
    String.raw`\b(?:first|top)\s+(${COUNT_EN})\b|\b(?:these|those|the)\s+(${COUNT_EN})(?:\s+(?:${ITEM_EN}))?\b|\b(both)\b`,
    'iu',
  ),
  /** "them", "these", "all of them", "all three". */
  allEn: /\b(?:them|these|those|all(?:\s+of\s+(?:them|these|those))?|all\s+(?:three|four|five))\b/iu,
  /** "it", "this one", "that one". */
  itEn: /\b(?:it|this(?:\s+one)?|that(?:\s+one)?)\b/iu,
  positionZh: new RegExp(
    String.raw`第\s*(${ORDINAL_ZH})\s*(?:${UNIT_ZH})?|(最后)(?:一|那|这)?\s*(?:${UNIT_ZH})`,
    'gu',
  ),
  leadingZh: new RegExp(
    String.raw`(?:前|头)\s*(${COUNT_ZH})\s*(?:${UNIT_ZH})|(?:这|那)\s*(${COUNT_ZH})\s*(?:${UNIT_ZH})|(两个都|两款都|它们|这几(?:${UNIT_ZH}))`,
    'u',
  ),
  itZh: /这个|这款|那个|那款|这件|那件|这台|那台|这部|它/u,

  /** Superlatives that pick from the shown list when used as a reference. */
  extremeEn: [
    {
      by: 'price_asc',
      pattern: /\b(?:cheapest|least\s+expensive|lowest[- ]priced|most\s+affordable|lowest\s+price)\b/iu,
    },
    { by: 'price_desc', pattern: /\b(?:most\s+expensive|priciest|highest[- ]priced|dearest)\b/iu },
    {
      by: 'rating',
      pattern:
        /\b(?:best|highest|top)[- ]?(?:rated|reviewed|rating|reviews)\b|\bbest\s+rating\b|\bmost\s+(?:stars|popular)\b|\bhighest\s+score\b/iu,
    },
  ],
  extremeZh: [
    { by: 'price_asc', pattern: /最便宜|价格最低|最实惠|最低价/u },
    { by: 'price_desc', pattern: /最贵|价格最高|最高档/u },
    { by: 'rating', pattern: /评分最高|评价最好|口碑最好|好评最多|分数最高|评分最好|最受欢迎/u },
  ],
  /** The superlative refers to the shown list: "the cheapest one", "which one is cheapest", "of them". */
  extremeRefEn:
    /\b(?:which|what)\s+(?:one|of\s+(?:them|these|those)|is|has|product|item)\b|\bone\b|\bof\s+(?:them|these|those|the\s+(?:list|ones|above))\b|\bamong\b|\bout\s+of\b/iu,
  extremeRefZh:
    /哪(?:个|款|一个|一款|件|台|部)|(?:的)?(?:那|这)(?:个|款|件|台|部)|之中|其中|里面|当中|中的?/u,

  cheaperEn:
    /\b(?:cheaper|less\s+expensive|lower[- ]priced|lower\s+prices?|more\s+affordable|less\s+pricey|too\s+(?:expensive|pricey|much)|over\s+my\s+budget|(?:something|anything)\s+(?:for\s+)?less)\b/iu,
  cheaperZh:
    /便宜(?:一)?点|便宜(?:一)?些|更便宜|再便宜|还便宜|更实惠|实惠(?:一)?点|(?:价格|价钱)?(?:低|少)(?:一)?点|太贵|有点贵|贵了/u,
  pricierEn:
    /\b(?:more\s+expensive|pricier|higher[- ]end|more\s+premium|fancier|nicer|upgrade|step\s+up|top[- ]of[- ]the[- ]line|better\s+(?:ones?|options?|quality|models?)|something\s+better|anything\s+better|higher\s+quality|more\s+(?:high[- ]end|upscale|luxurious))\b/iu,
  pricierZh:
    /贵(?:一)?点|贵(?:一)?些|更贵|更好的|好一点|好点的|高端(?:一)?点|更高端|更高档|档次高|升级|更好一些/u,
  betterRatedEn:
    /\b(?:better|higher)[- ](?:rated|reviewed|ratings?|reviews?|scores?)\b|\brated\s+(?:higher|better)\b|\bmore\s+stars\b|\bbetter\s+reviewed\b/iu,
  betterRatedZh:
    /评分(?:更)?高(?:一)?(?:点|些)|评分更高|评价更好|口碑更好|好评(?:更)?多(?:一)?(?:点|些)|分(?:数)?高(?:一)?点/u,
  differentBrandEn:
    /\b(?:different|other|another|others'?|new)\s+brands?\b|\bbrands?\s+other\s+than\b|\bnot\s+(?:from\s+)?(?:this|that|the\s+same)\s+brand\b|\bswitch\s+brands?\b/iu,
  differentBrandZh:
    /(?:别的|其他|其它|换个|换一个|不同的?|另外的?|别家)(?:的)?(?:牌子|品牌)|换(?:个)?牌子|别家的?/u,
  /** A brand named after these is excluded: "not Samsung", "anything but Apple", "除了苹果". */
  excludeBrandBeforeEn:
    /\b(?:not|no|except|but|besides|other\s+than|instead\s+of|apart\s+from|without)\s+(?:from\s+)?$/iu,
  excludeBrandBeforeZh: /(?:不要|不是|除了|除|别要|不想要|不考虑)$/u,
  moreEn:
    /\b(?:more|others|other\s+(?:ones|options|choices|products|models|items)|anything\s+else|something\s+else|what\s+else|else|next(?:\s+(?:ones|few|page))?|additional|alternatives?|any\s+others?)\b/iu,
  /** "more" that is not "more of them": "more expensive", "more about it". */
  moreNotEn:
    /\bmore\s+(?:expensive|affordable|premium|stars|about|details?|info|information|high|upscale|luxurious)\b|\btell\s+me\s+more\b|\bno\s+more\b/iu,
  moreZh:
    /还有(?:吗|呢|别的|其他|其它|没有|什么|更多)|更多|再(?:来|给我|推荐|看)?(?:几|一些|些)(?:个|款)?|换一批|其他的|其它的|别的呢|别的吗|还有别的/u,
  inStockEn: /\b(?:in[- ]stock|available(?:\s+now)?|ready\s+to\s+ship|can\s+ship\s+now|on\s+hand)\b/iu,
  inStockZh: /有货|现货|有库存/u,

  compareEn:
    /\b(?:compare|comparing|comparison|vs\.?|versus|differences?\s+between|different\s+from|which\s+(?:one\s+)?(?:is|would\s+be)\s+better|which\s+(?:one\s+)?(?:should|would)\s+(?:i|you)\s+(?:pick|choose|get|buy|go\s+for)|better\s+than|side\s+by\s+side|how\s+do\s+they\s+differ|what(?:'s|\s+is)\s+the\s+difference)\b/iu,
  compareZh:
    /比较|对比|比一比|比一下|区别|差别|差异|哪个好|哪个更|哪款好|哪款更|选哪个|选哪款|哪个值得|有什么不同|有何不同/u,

  addToCartEn:
    /\b(?:add|put|throw|place|drop)\b[^.?!]*\b(?:cart|basket|bag|trolley)\b|\b(?:i'?ll|i\s+will|let\s+me|i\s+want\s+to|i'?d\s+like\s+to)\s+(?:take|buy|get|order|purchase)\s+(?:it|this|that|them|one|the\s+(?:first|second|third|fourth|fifth|last|cheapest|best))|\b(?:buy|order|purchase)\s+(?:it|this\s+one|that\s+one|the\s+(?:first|second|third|fourth|fifth|last)\s+one)\b|\b(?:add|get)\s+(?:me\s+)?(?:it|this|that|one|two|three|\d+)\b(?!\s+(?:more|of\s+your))|\badd\s+(?:\d+\s+of\s+)?the\s+(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th|cheapest|best[- ]rated)\b/iu,
  addToCartZh:
    /(?:加|放|添加|丢)[^，。？！,.?!]{0,8}购物车|加购|(?:我要|我买|就要|就买|买|要|下单)\s*(?:这个|那个|这款|那款|它|第\s*[一二三四五12345]\s*(?:个|款|件|台|部))|下单/u,
  /** Quantity words before or after the item: "add 2 of", "x3", "three of them", "两个". */
  quantityEn:
    /\b(\d{1,2}|two|three|four|five)\s+(?:of\s+(?:the|them|it|these|those)|units?|pieces|items|pcs|copies|pairs|bottles)\b|\bx\s?(\d{1,2})\b|\b(?:qty|quantity)\s*(?:of|:)?\s*(\d{1,2})\b|\badd\s+(\d{1,2})\b/iu,
  quantityZh:
    /(?:加|买|要|放)\s*([两二三四五六七八九十\d]{1,2})\s*(?:个|件|台|部|份|瓶|支|副|双|盒|包)|(?<!第\s*)([两二三四五六七八九十\d]{1,2})\s*(?:个|件|台|部|份|瓶|支|副|双|盒|包)(?:加|放)/u,

  adviceEn:
    /\bhow\s+(?:do|should|can|would|to)\s+(?:i\s+|we\s+|one\s+|you\s+)?(?:choose|pick|select|find|buy|decide\s+on|shop\s+for)\b|\bwhat\s+(?:should|do|must)\s+(?:i|we)\s+(?:look|consider|pay\s+attention|know|check)\b|\bwhat\s+to\s+(?:look|consider)\b|\b(?:buying|shopping|purchase|purchasing)\s+(?:guide|advice|tips)\b|\btips?\s+(?:for|on)\s+(?:choosing|buying|picking|selecting)\b|\bwhat\s+matters\s+(?:when|in|for)\b|\bhelp\s+me\s+(?:choose|decide|pick)\b|\b(?:which|what)\s+(?:kind\s+of\s+|type\s+of\s+)?\w+\s+should\s+i\s+(?:buy|get|choose|pick)\b|\badvice\s+(?:on|for|about)\b|\bany\s+advice\b|\bwhat\s+makes\s+a\s+good\b/iu,
  adviceZh:
    /如何(?:挑选|选择|选购|挑|选|购买)|怎么(?:挑|选|买)|怎样(?:挑|选|买)|选购(?:建议|指南|技巧|攻略)|挑选(?:建议|技巧|要点|攻略)|购买建议|买(?:什么样|哪种|哪类)的?|有什么(?:讲究|要注意|需要注意)|(?:该|应该)(?:怎么|如何)选|给(?:点|些|我)?(?:建议|意见)|选(?:什么样|哪种)的/u,
} as const;

/** Connectors between two product names: "the Realme XT and the Oppo K1", "A 和 B". */
export const NAME_SEPARATORS =
  /\s+(?:and|vs\.?|versus|or|with|against)\s+|\s*[,、&]\s*|\s*(?:和|与|跟|同|还是|或者|对比|比)\s*/iu;
