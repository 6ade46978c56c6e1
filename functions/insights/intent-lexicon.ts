/**
 * Signals of each report in merchant questions (data only), English and Chinese, matched on the normalised
 * question. Each signal counts once; a report wins with a strong signal (≥ 3) or two medium ones, and by a
 * margin, or the question is unclear. Weights: 5 names the report's subject, 4 decisive, 3 strong, 2 medium, 1 a hint.
 */
import type { InsightIntent } from './intent-types';

export type Signal = readonly [RegExp, number];

export const INTENT_SIGNALS: Readonly<Record<InsightIntent, readonly Signal[]>> = {
  top_products: [
    [
      /best[- ]?sell|top[- ]?sell|bestsell|(?:sold|sell|sells|selling) (?:the )?(?:most|best)|most (?:sold|popular|purchased|bought|ordered|wanted)|what sold|what(?:'s| is| are) selling/,
      3,
    ],
    [
      /\bhot(?:test)? (?:items|products|sellers|skus)|\btop (?:\d+ )?(?:products|items|sellers|skus|lines)|best (?:products|items|performers)|popular (?:products|items)|\bwinners\b|star products/,
      3,
    ],
    [/\b(?:which|what) (?:products|items|skus)\b|\bproducts? (?:rank|ranking|leaderboard)/, 2],
    [
      /卖得最好|卖得最多|卖最多|卖得好|最畅销|畅销|热销|爆款|爆品|销量(?:最高|最好|最多|排行|排名|前)|什么(?:产品|商品)卖/,
      3,
    ],
    [
      /(?:产品|商品|单品).{0,4}(?:排行|排名|榜)|(?:排行|排名).{0,4}(?:产品|商品|单品)|\brank(?:ed|ing)? (?:of )?(?:products|items)|(?:products|items) ranked/,
      3,
    ],
    [/哪些(?:产品|商品)/, 2],
    [/\bproducts?\b|\bitems?\b|\bskus?\b|产品|商品|单品|货品/, 1],
    [/\btop\b|\bbest\b|\bmost\b|\bhighest\b|\branking\b|排行|排名|最多|最高|前\d+/, 1],
  ],
  top_categories: [
    [/categor|品类|类目|分类|类别|各类|departments?\b/, 5],
    [/\bby (?:category|type)\b|按(?:品类|类目|分类)/, 1],
  ],
  sales_summary: [
    [
      /how many orders|number of orders|order count|orders? (?:did we|have we|we) (?:get|got|receive)|average order|\baov\b|basket size|how much (?:did|have|do) (?:we|i) (?:sell|make|earn|sold)|how (?:are|were|is|was) (?:our |my |the )?(?:sales|revenue|business)|total (?:sales|revenue|orders)|sales summary|\bsummary\b|\boverview\b|\bkpis?\b|\bgmv\b/,
      3,
    ],
    [
      /客单价|订单数|多少(?:笔)?订单|多少单|卖了多少|营业额|总销售额|总营收|销售概况|销售情况|业绩|生意(?:怎么样|如何)|成交额/,
      3,
    ],
    [
      /\brevenue\b|\bsales\b|\borders?\b|\bturnover\b|\bincome\b|\bearn(?:ed|ings)?\b|营收|收入|销售额|销售|订单|成交|销量/,
      3,
    ],
    [/\bcustomers\b|顾客数|客户数/, 1],
  ],
  trend: [
    [
      /\btrend|over time|day by day|\bdaily\b|per day|\bby day\b|each day|\bby week\b|\bweekly\b|\bper week\b|\bby month\b|\bmonthly\b|(?:sales|revenue) (?:chart|graph)|(?:chart|graph|plot) of (?:sales|revenue|orders)|走势|趋势|每天|每日|按天|按周|按月|每周|每月|变化曲线/,
      4,
    ],
  ],
  low_stock: [
    [
      /low (?:on )?stock|stock(?:s)? (?:is |are )?(?:low|running)|running (?:low|out)|run(?:ning)? out|sell(?:ing)? out|sold out|about to sell|out of stock|\brestock|\bre-?order|replenish|stock ?outs?|\binventory\b|stock levels?|how much stock|\bto order more\b/,
      4,
    ],
    [/库存|缺货|快卖完|卖完|断货|补货|进货|售罄|快没货|没货了/, 4],
  ],
  latent_demand: [
    [
      /asking (?:for|about)|ask(?:ed|s)? (?:for|about)|looking for|search(?:ed|ing|es)? for|don'?t (?:sell|have|carry|stock)|do not (?:sell|have|carry|stock)|not in (?:the |our )?catalog|\bmissing\b|\blatent\b|\bunanswered\b|\bunmet\b|can'?t find|could ?n[o']t find|demand gap|products? (?:to add|we should add)|should (?:we |i )?(?:add|stock|carry)/,
      3,
    ],
    [
      /没有卖|不卖|没卖|没有的|找不到|没找到|潜在需求|未回答|没回答|想买|在找|缺什么|该上什么|应该上架|顾客.{0,6}(?:想要|在找|问)/,
      3,
    ],
  ],
  bot_performance: [
    [/\bbot\b|chat ?bot|\bassistant\b|\bshopguide\b|\bai\b/, 3],
    [/\bcsat\b|satisfaction|thumbs|hand-?offs?|escalat|resolution|resolved|deflect|human agents?/, 3],
    [/机器人|智能助手|助手|客服|满意|转人工|人工|解决率|点赞|差评/, 3],
    [/表现|performance|doing/, 1],
  ],
  funnel: [
    [
      /\bfunnel|conversion|\bconvert|click[- ]?through|\bctr\b|clicks?\b|add(?:ed|s)? to cart|漏斗|转化|点击率|点击|加购/,
      3,
    ],
  ],
};

/** Revenue rather than units: money words. */
export const REVENUE_WORDS =
  /\brevenue\b|sales (?:amount|value)|by sales\b|in sales\b|\bdollars?\b|\bmoney\b|\$|\bturnover\b|\bgmv\b|\bearn|\bincome\b|\bvalue\b|销售额|营收|收入|金额|营业额|赚/;
/** Units rather than revenue: quantity words. */
export const UNIT_WORDS_MEASURE =
  /\bunits?\b|\bquantit(?:y|ies)\b|\bvolume\b|\bpieces\b|\bpcs\b|number (?:of items )?sold|how many (?:were |units )?sold|件数|数量|销量|几件/;
/** "by revenue" / "按销量": the measure named after "by", which wins when both appear. */
export const BY_MEASURE =
  /\b(?:by|in|on) (revenue|sales|units?|quantity|volume|money|value)\b|按\s*(销售额|营收|收入|金额|销量|件数|数量)/;

export const CHART_WORDS =
  /\bcharts?\b|\bgraphs?\b|\bplot\b|visuali[sz]|as an? (?:image|picture)|图表|画.{0,2}图|图形|柱状图|折线图|饼图|可视化/;

/** Words of a follow-up that leans on the thread ("and …?", "what about …", "…呢", "换成 …"). */
export const FOLLOW_UP_WORDS =
  /^(?:and|but|what about|how about|same|now|then|ok|okay|instead)\b|\binstead\b|\bthe same\b|\bthat\b|\bit\b|呢\s*[?？]?$|^那|换成|改成|改为|换为|再|还有|同样/;

/** Undo a category filter in a follow-up. */
export const ALL_CATEGORIES =
  /\ball (?:categories|products|items)\b|\bany category\b|\bwithout (?:the )?filter|全部|所有(?:品类|类目|产品|商品)|不限/;
