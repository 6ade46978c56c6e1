import type { LexiconGroup } from './lexicon-data';

/**
 * Lexicon groups that frame a shopper's request rather than name a kind of product: attributes a list can be
 * narrowed by ("any in black?"), gift occasions and recipients (suggestions used when no product is named),
 * interests, and words that must not be read as a product ("gift card", 自行车). Data only; `lexicon.ts` matches.
 */

/** What a shop like the demo store sells as gifts, and what suits whom when the shopper names no product. */
const GIFTS_FOR_HIM = ['mens-watches', 'fragrances', 'sunglasses', 'mens-shirts', 'mens-shoes'] as const;
const GIFTS_FOR_HER = [
  'womens-jewellery',
  'womens-bags',
  'womens-watches',
  'fragrances',
  'beauty',
  'skin-care',
] as const;
const GIFTS_FOR_KIDS = ['sports-accessories'] as const;
const GIFTS = [...new Set([...GIFTS_FOR_HIM, ...GIFTS_FOR_HER, 'home-decoration'])];
const ALL_GIFT_CATEGORIES = [...new Set([...GIFTS, ...GIFTS_FOR_KIDS])];
const except = (all: readonly string[], kept: readonly string[]) => all.filter((c) => !kept.includes(c));

export const REQUEST_WORD_GROUPS: readonly LexiconGroup[] = [
  // attributes that help Chinese queries meet English titles, and that narrow a list ("any in black?")
  { en: ['wireless'], zh: ['无线'], attribute: true },
  { en: ['bluetooth'], zh: ['蓝牙'], attribute: true },
  { en: ['leather'], zh: ['皮革', '真皮'], attribute: true },
  { en: ['wooden', 'wood'], zh: ['木质', '实木', '木制'], attribute: true },
  { en: ['gaming', 'gamer', 'game'], zh: ['游戏', '电竞'], attribute: true },
  // Not a car: 自行车 holds 车, and a bicycle is its own kind (most stores here carry none).
  { en: ['bicycle', 'cycling'], zh: ['自行车', '单车', '脚踏车'] },
  // A gift card is a payment product of the store, not a gift idea (its own answer, often in the FAQ).
  { en: ['gift card', 'gift voucher', 'gift certificate'], zh: ['礼品卡', '礼物卡', '购物卡'] },
  // Gifts: the occasion alone suggests giftable kinds and who it is for narrows them; an interest ("loves
  // cooking") or a named product replaces them (`suggests`).
  {
    en: ['gift', 'present', 'birthday', 'anniversary', 'christmas'],
    zh: ['礼物', '礼品', '生日', '纪念日', '圣诞', '送礼'],
    categories: GIFTS,
    suggests: true,
  },
  {
    en: ['dad', 'father', 'husband', 'boyfriend', 'brother', 'grandpa', 'grandfather', 'uncle'],
    zh: ['爸爸', '父亲', '老公', '丈夫', '男朋友', '男友', '哥哥', '弟弟', '爷爷', '外公', '叔叔'],
    categories: GIFTS_FOR_HIM,
    supersedes: except(ALL_GIFT_CATEGORIES, GIFTS_FOR_HIM),
    suggests: true,
  },
  {
    en: ['mom', 'mum', 'mother', 'wife', 'girlfriend', 'sister', 'grandma', 'grandmother', 'aunt'],
    zh: ['妈妈', '母亲', '老婆', '妻子', '女朋友', '女友', '姐姐', '妹妹', '奶奶', '外婆', '阿姨'],
    categories: GIFTS_FOR_HER,
    supersedes: except(ALL_GIFT_CATEGORIES, GIFTS_FOR_HER),
    suggests: true,
  },
  {
    en: [
      'kid',
      'child',
      'children',
      'toddler',
      'teen',
      'teenager',
      'nephew',
      'niece',
      'year old',
      'years old',
    ],
    zh: ['孩子', '小孩', '儿童', '宝宝', '小朋友'],
    categories: GIFTS_FOR_KIDS,
    supersedes: except(ALL_GIFT_CATEGORIES, GIFTS_FOR_KIDS),
    suggests: true,
  },
  {
    en: ['cooking', 'cook', 'baking', 'chef'],
    zh: ['做饭', '烹饪', '下厨', '烘焙'],
    categories: ['kitchen-accessories'],
  },
  { en: ['red'], zh: ['红色', '红'], attribute: true },
  { en: ['black'], zh: ['黑色', '黑'], attribute: true },
  { en: ['white'], zh: ['白色', '白'], attribute: true },
  { en: ['blue'], zh: ['蓝色', '蓝'], attribute: true },
  { en: ['green'], zh: ['绿色', '绿'], attribute: true },
  { en: ['pink'], zh: ['粉色', '粉红色'], attribute: true },
  { en: ['brown'], zh: ['棕色', '咖啡色'], attribute: true },
  { en: ['purple'], zh: ['紫色'], attribute: true },
  { en: ['yellow'], zh: ['黄色'], attribute: true },
  { en: ['gold', 'golden'], zh: ['金色', '金'], attribute: true },
  { en: ['silver'], zh: ['银色', '银'], attribute: true },
  { en: ['grey', 'gray'], zh: ['灰色', '灰'], attribute: true },
  { en: ['men', 'man', 'male'], zh: ['男士', '男式', '男款', '男'] },
  { en: ['women', 'woman', 'female', 'lady', 'ladies'], zh: ['女士', '女式', '女款', '女'] },
];
