/**
 * The bilingual commerce lexicon as data: word groups that mean the same product or family (English and Chinese),
 * Chinese one-character words' exceptions, category labels and brand aliases. The matching code that reads it
 * is `lexicon.ts`. Add words here; keep groups general (families, not phrasings of one question).
 */

import { REQUEST_WORD_GROUPS } from './lexicon-request-words';

/** One group of words that mean the same product or product family. */
export interface LexiconGroup {
  /** English forms. Single words become query expansions; phrases are only matched. */
  readonly en: readonly string[];
  /** Chinese forms. */
  readonly zh: readonly string[];
  /** Catalog category ids this word points at. */
  readonly categories?: readonly string[];
  /** Categories to drop when this more specific word is also mentioned (a phone case is not a phone). */
  readonly supersedes?: readonly string[];
  /**
   * A property a product has (a colour, a material, a feature) rather than a kind of product: "black ones?"
   * after a list of shoes narrows that list instead of searching the whole catalog for black things.
   */
  readonly attribute?: true;
  /**
   * The categories are suggestions (an occasion, who a gift is for), used only when the text names no kind of
   * product itself: "a gift for dad" browses his gift categories, "a watch for dad" is about watches.
   */
  readonly suggests?: true;
}

const DEVICE_CATEGORIES = ['smartphones', 'tablets', 'laptops'] as const;
const SHOES = ['mens-shoes', 'womens-shoes'] as const;
const WATCHES = ['mens-watches', 'womens-watches'] as const;
export const LEXICON: readonly LexiconGroup[] = [
  // beauty
  {
    en: ['beauty', 'makeup', 'cosmetic', 'make up'],
    zh: ['美妆', '化妆品', '彩妆', '美容', '化妆'],
    categories: ['beauty'],
  },
  { en: ['lipstick', 'lip gloss'], zh: ['口红', '唇膏', '唇彩'], categories: ['beauty'] },
  { en: ['mascara'], zh: ['睫毛膏'], categories: ['beauty'] },
  { en: ['eyeshadow', 'eye shadow', 'palette'], zh: ['眼影', '眼影盘'], categories: ['beauty'] },
  { en: ['nail polish', 'nail varnish'], zh: ['指甲油'], categories: ['beauty'] },
  { en: ['powder', 'face powder'], zh: ['粉饼', '散粉', '蜜粉'], categories: ['beauty'] },
  { en: ['foundation', 'concealer'], zh: ['粉底', '遮瑕'], categories: ['beauty'] },
  // fragrances
  {
    en: ['perfume', 'fragrance', 'cologne', 'scent'],
    zh: ['香水', '香氛', '古龙水'],
    categories: ['fragrances'],
  },
  // furniture
  { en: ['furniture'], zh: ['家具'], categories: ['furniture'] },
  { en: ['sofa', 'couch', 'settee'], zh: ['沙发'], categories: ['furniture'] },
  { en: ['bed', 'bedframe'], zh: ['床', '床架', '双人床', '单人床'], categories: ['furniture'] },
  { en: ['chair', 'armchair', 'stool'], zh: ['椅子', '椅', '凳子', '办公椅'], categories: ['furniture'] },
  {
    en: ['table', 'desk', 'nightstand', 'bedside table'],
    zh: ['桌子', '桌', '书桌', '餐桌', '床头柜'],
    categories: ['furniture'],
  },
  {
    en: ['cabinet', 'wardrobe', 'shelf', 'bookcase'],
    zh: ['柜子', '衣柜', '书架', '架子'],
    categories: ['furniture'],
  },
  { en: ['sink', 'bathroom'], zh: ['洗手台', '水槽', '浴室'], categories: ['furniture'] },
  // groceries
  {
    en: ['grocery', 'groceries', 'food'],
    zh: ['食品', '杂货', '食物', '生鲜', '吃的'],
    categories: ['groceries'],
  },
  { en: ['fruit'], zh: ['水果'], categories: ['groceries'] },
  { en: ['vegetable', 'veggie'], zh: ['蔬菜', '青菜'], categories: ['groceries'] },
  { en: ['meat'], zh: ['肉', '肉类'], categories: ['groceries'] },
  { en: ['beef', 'steak'], zh: ['牛肉', '牛排'], categories: ['groceries'] },
  { en: ['chicken'], zh: ['鸡肉', '鸡'], categories: ['groceries'] },
  { en: ['fish', 'seafood'], zh: ['鱼', '海鲜', '鱼排'], categories: ['groceries'] },
  { en: ['egg'], zh: ['鸡蛋', '蛋'], categories: ['groceries'] },
  { en: ['milk', 'dairy'], zh: ['牛奶', '奶', '乳制品'], categories: ['groceries'] },
  { en: ['coffee'], zh: ['咖啡'], categories: ['groceries'] },
  { en: ['tea'], zh: ['茶', '茶叶'], categories: ['groceries'] },
  { en: ['juice'], zh: ['果汁'], categories: ['groceries'] },
  {
    en: ['drink', 'beverage', 'soda', 'soft drink'],
    zh: ['饮料', '汽水', '饮品'],
    categories: ['groceries'],
  },
  { en: ['water'], zh: ['水', '矿泉水', '饮用水'], categories: ['groceries'] },
  { en: ['rice', 'grain'], zh: ['大米', '米', '米饭', '谷物'], categories: ['groceries'] },
  { en: ['oil', 'cooking oil'], zh: ['食用油', '油'], categories: ['groceries'] },
  { en: ['honey'], zh: ['蜂蜜'], categories: ['groceries'] },
  {
    en: ['ice cream', 'dessert'],
    zh: ['冰淇淋', '雪糕', '甜品'],
    categories: ['groceries'],
    supersedes: ['skin-care'],
  },
  { en: ['pet food', 'cat food', 'dog food'], zh: ['宠物食品', '猫粮', '狗粮'], categories: ['groceries'] },
  { en: ['potato'], zh: ['土豆', '马铃薯'], categories: ['groceries'] },
  { en: ['onion'], zh: ['洋葱'], categories: ['groceries'] },
  { en: ['pepper', 'chili'], zh: ['辣椒', '青椒', '甜椒'], categories: ['groceries'] },
  { en: ['cucumber'], zh: ['黄瓜'], categories: ['groceries'] },
  { en: ['lemon'], zh: ['柠檬'], categories: ['groceries'] },
  { en: ['strawberry'], zh: ['草莓'], categories: ['groceries'] },
  { en: ['kiwi'], zh: ['猕猴桃', '奇异果'], categories: ['groceries'] },
  { en: ['mulberry'], zh: ['桑葚', '桑椹'], categories: ['groceries'] },
  { en: ['protein powder', 'protein'], zh: ['蛋白粉'], categories: ['groceries'], supersedes: ['beauty'] },
  { en: ['tissue', 'tissue paper'], zh: ['纸巾', '抽纸'], categories: ['groceries'] },
  // Brand and fruit at once; the brand filter is decided by query understanding, not here.
  { en: ['apple'], zh: ['苹果'] },
  // home decoration
  {
    en: ['decoration', 'decor', 'home decor', 'home decoration'],
    zh: ['家居装饰', '装饰品', '装饰', '摆件', '家装'],
    categories: ['home-decoration'],
  },
  { en: ['photo frame', 'picture frame'], zh: ['相框', '画框'], categories: ['home-decoration'] },
  {
    en: ['plant', 'plant pot', 'flower pot'],
    zh: ['绿植', '植物', '花盆', '盆栽'],
    categories: ['home-decoration'],
  },
  {
    en: ['lamp', 'lighting'],
    zh: ['台灯', '灯', '灯具'],
    categories: ['home-decoration'],
    supersedes: ['furniture'],
  },
  { en: ['swing'], zh: ['秋千'], categories: ['home-decoration'] },
  { en: ['vase'], zh: ['花瓶'], categories: ['home-decoration'] },
  // kitchen accessories
  {
    en: ['kitchen', 'kitchenware', 'kitchen tool'],
    zh: ['厨房', '厨具', '厨房用品'],
    categories: ['kitchen-accessories'],
  },
  {
    en: ['cookware', 'pan', 'pot', 'wok', 'frying pan'],
    zh: ['锅', '炒锅', '平底锅', '锅具', '汤锅'],
    categories: ['kitchen-accessories'],
  },
  { en: ['utensil', 'cutlery', 'tableware'], zh: ['餐具', '炊具'], categories: ['kitchen-accessories'] },
  { en: ['knife'], zh: ['刀', '菜刀', '刀具'], categories: ['kitchen-accessories'] },
  { en: ['fork'], zh: ['叉子', '叉'], categories: ['kitchen-accessories'] },
  { en: ['spoon'], zh: ['勺子', '汤勺', '勺'], categories: ['kitchen-accessories'] },
  { en: ['plate', 'dish', 'bowl'], zh: ['盘子', '碟子', '碗'], categories: ['kitchen-accessories'] },
  {
    en: ['cup', 'mug', 'drinkware'],
    zh: ['杯子', '杯', '马克杯', '水杯'],
    categories: ['kitchen-accessories'],
  },
  { en: ['blender', 'mixer'], zh: ['搅拌机', '料理机', '破壁机'], categories: ['kitchen-accessories'] },
  { en: ['microwave', 'oven'], zh: ['微波炉', '烤箱'], categories: ['kitchen-accessories'] },
  { en: ['stove', 'cooktop'], zh: ['电磁炉', '炉子', '灶'], categories: ['kitchen-accessories'] },
  {
    en: ['chopping board', 'cutting board'],
    zh: ['砧板', '菜板', '切菜板'],
    categories: ['kitchen-accessories'],
  },
  {
    en: ['strainer', 'sieve', 'colander'],
    zh: ['滤网', '筛子', '漏勺'],
    categories: ['kitchen-accessories'],
  },
  { en: ['grater'], zh: ['擦丝器', '刨丝器'], categories: ['kitchen-accessories'] },
  { en: ['whisk'], zh: ['打蛋器'], categories: ['kitchen-accessories'] },
  { en: ['spatula', 'turner'], zh: ['锅铲', '铲子'], categories: ['kitchen-accessories'] },
  { en: ['tongs'], zh: ['夹子', '食品夹'], categories: ['kitchen-accessories'] },
  { en: ['peeler'], zh: ['削皮刀', '削皮器'], categories: ['kitchen-accessories'] },
  { en: ['rolling pin'], zh: ['擀面杖'], categories: ['kitchen-accessories'] },
  { en: ['lunch box', 'lunchbox'], zh: ['饭盒', '便当盒', '午餐盒'], categories: ['kitchen-accessories'] },
  { en: ['tray'], zh: ['托盘', '冰格'], categories: ['kitchen-accessories'] },
  { en: ['spice rack'], zh: ['调料架', '调味架'], categories: ['kitchen-accessories'] },
  { en: ['juicer', 'squeezer'], zh: ['榨汁机', '榨汁器'], categories: ['kitchen-accessories'] },
  // laptops
  {
    en: ['laptop', 'notebook', 'computer', 'macbook', 'ultrabook', 'pc'],
    zh: ['笔记本电脑', '笔记本', '电脑', '手提电脑', '计算机'],
    categories: ['laptops'],
  },
  // men's shirts and tops
  {
    en: ['shirt', 'tshirt', 't-shirt', 'tee'],
    zh: ['衬衫', '衬衣', 'T恤', 't恤', '体恤', '短袖'],
    categories: ['mens-shirts'],
  },
  { en: ['blouse', 'frock', 'tank top', 'crop top'], zh: ['上衣', '女式上衣'], categories: ['tops'] },
  // shoes
  { en: ['shoe', 'footwear'], zh: ['鞋', '鞋子'], categories: SHOES, supersedes: ['sports-accessories'] },
  {
    en: ['sneaker', 'trainer', 'running shoe', 'shoe'],
    zh: ['运动鞋', '球鞋', '跑鞋', '板鞋'],
    categories: SHOES,
    supersedes: ['sports-accessories'],
  },
  { en: ['slipper', 'sandal'], zh: ['拖鞋', '凉鞋'], categories: SHOES },
  { en: ['boot'], zh: ['靴子', '靴'], categories: SHOES },
  { en: ['heel', 'high heel'], zh: ['高跟鞋'], categories: ['womens-shoes'] },
  { en: ['cleat'], zh: ['钉鞋'], categories: ['mens-shoes'] },
  // watches
  { en: ['watch', 'wristwatch', 'timepiece'], zh: ['手表', '腕表', '表'], categories: WATCHES },
  {
    en: ['smartwatch', 'smart watch', 'apple watch'],
    zh: ['智能手表', '智能手环'],
    categories: ['mobile-accessories'],
    supersedes: [...WATCHES],
  },
  // mobile accessories
  {
    en: ['phone accessory', 'mobile accessory'],
    zh: ['手机配件', '数码配件'],
    categories: ['mobile-accessories'],
    supersedes: [...DEVICE_CATEGORIES],
  },
  {
    en: ['earphone', 'headphone', 'earbud', 'airpod', 'headset'],
    zh: ['耳机', '蓝牙耳机', '无线耳机', '耳麦'],
    categories: ['mobile-accessories'],
    supersedes: [...DEVICE_CATEGORIES],
  },
  {
    en: ['charger', 'charging'],
    zh: ['充电器', '充电头', '充电'],
    categories: ['mobile-accessories'],
    supersedes: [...DEVICE_CATEGORIES],
  },
  {
    en: ['power bank', 'battery pack'],
    zh: ['充电宝', '移动电源'],
    categories: ['mobile-accessories'],
    supersedes: [...DEVICE_CATEGORIES],
  },
  {
    en: ['phone case', 'case', 'phone cover'],
    zh: ['手机壳', '保护壳', '手机套', '壳'],
    categories: ['mobile-accessories'],
    supersedes: [...DEVICE_CATEGORIES],
  },
  {
    en: ['speaker', 'smart speaker'],
    zh: ['音箱', '音响', '扬声器', '智能音箱'],
    categories: ['mobile-accessories'],
  },
  {
    en: ['selfie stick', 'monopod', 'selfie'],
    zh: ['自拍杆', '自拍', '独脚架'],
    categories: ['mobile-accessories'],
  },
  { en: ['camera'], zh: ['相机', '摄像', '摄影'], categories: ['mobile-accessories'] },
  // motorcycles and vehicles
  {
    en: ['motorcycle', 'motorbike', 'sportbike', 'scooter', 'moped'],
    zh: ['摩托车', '摩托', '机车', '踏板车'],
    categories: ['motorcycle'],
  },
  {
    en: ['car', 'vehicle', 'automobile', 'suv', 'sedan', 'minivan', 'hatchback'],
    zh: ['汽车', '轿车', '车', '小汽车', '越野车', '面包车'],
    categories: ['vehicle'],
    supersedes: ['sports-accessories'],
  },
  // skin care
  {
    en: ['skin care', 'skincare', 'personal care'],
    zh: ['护肤', '护肤品', '个人护理'],
    categories: ['skin-care'],
  },
  {
    en: ['lotion', 'moisturizer', 'moisturiser', 'cream'],
    zh: ['乳液', '身体乳', '面霜', '润肤露'],
    categories: ['skin-care'],
  },
  {
    en: ['soap', 'hand soap', 'body wash'],
    zh: ['香皂', '肥皂', '洗手液', '沐浴露'],
    categories: ['skin-care'],
  },
  // smartphones and tablets
  {
    en: ['smartphone', 'phone', 'cellphone', 'mobile phone', 'cell phone'],
    zh: ['手机', '智能手机', '电话'],
    categories: ['smartphones'],
  },
  { en: ['iphone'], zh: ['苹果手机'], categories: ['smartphones'] },
  { en: ['tablet', 'ipad'], zh: ['平板', '平板电脑'], categories: ['tablets'], supersedes: ['laptops'] },
  // sports
  {
    en: ['sport', 'sports equipment', 'fitness'],
    zh: ['运动', '体育', '运动用品', '体育用品', '运动器材', '健身'],
    categories: ['sports-accessories'],
  },
  { en: ['ball'], zh: ['球'], categories: ['sports-accessories'] },
  { en: ['basketball'], zh: ['篮球'], categories: ['sports-accessories'] },
  { en: ['football', 'soccer'], zh: ['足球', '橄榄球'], categories: ['sports-accessories'] },
  { en: ['tennis'], zh: ['网球'], categories: ['sports-accessories'] },
  { en: ['baseball'], zh: ['棒球'], categories: ['sports-accessories'] },
  { en: ['cricket'], zh: ['板球'], categories: ['sports-accessories'] },
  { en: ['golf'], zh: ['高尔夫'], categories: ['sports-accessories'] },
  { en: ['volleyball'], zh: ['排球'], categories: ['sports-accessories'] },
  { en: ['badminton', 'shuttlecock'], zh: ['羽毛球'], categories: ['sports-accessories'] },
  { en: ['racket', 'racquet'], zh: ['球拍'], categories: ['sports-accessories'] },
  { en: ['bat'], zh: ['球棒', '球拍'], categories: ['sports-accessories'] },
  { en: ['glove'], zh: ['手套'], categories: ['sports-accessories'] },
  { en: ['helmet'], zh: ['头盔'], categories: ['sports-accessories'] },
  // sunglasses
  {
    en: ['sunglasses', 'sun glasses', 'shades', 'eyewear'],
    zh: ['墨镜', '太阳镜', '眼镜', '太阳眼镜'],
    categories: ['sunglasses'],
  },
  // women's bags, dresses, jewellery
  {
    en: ['bag', 'handbag', 'purse', 'backpack', 'tote'],
    zh: ['包', '包包', '女包', '手提包', '背包', '钱包', '挎包', '皮包', '手袋'],
    categories: ['womens-bags'],
  },
  {
    en: ['dress', 'gown', 'frock'],
    zh: ['裙子', '连衣裙', '裙', '礼服', '长裙'],
    categories: ['womens-dresses', 'tops'],
  },
  { en: ['skirt'], zh: ['半身裙', '短裙'], categories: ['womens-dresses'] },
  { en: ['jewellery', 'jewelry', 'jewel'], zh: ['首饰', '珠宝', '饰品'], categories: ['womens-jewellery'] },
  { en: ['necklace', 'pendant'], zh: ['项链', '吊坠'], categories: ['womens-jewellery'] },
  { en: ['ring'], zh: ['戒指'], categories: ['womens-jewellery'] },
  { en: ['earring'], zh: ['耳环', '耳钉', '耳坠'], categories: ['womens-jewellery'] },
  { en: ['bracelet', 'bangle'], zh: ['手镯', '手链'], categories: ['womens-jewellery'] },
  // Words that frame a request rather than name a product: attributes, gifts, who it is for, interests.
  ...REQUEST_WORD_GROUPS,
];

/**
 * Compounds in which a one-character word means something else: 包邮 is free shipping, not a bag;
 * 购物车 is the shopping cart, not a car.
 */
export const ONE_CHARACTER_EXCEPTIONS: Record<string, readonly string[]> = {
  包: ['包邮', '包装', '包括', '包含', '红包', '包裹'],
  车: ['购物车', '车费'],
  表: ['表示', '代表', '表格', '发表', '表达', '列表'],
  球: ['全球', '地球', '球迷'],
  水: ['香水', '防水', '水果', '口水', '水杯'],
  刀: ['刀片'],
  米: ['小米', '米色', '厘米', '毫米'],
  油: ['指甲油', '食用油'],
  金: ['金额', '现金', '退金', '押金', '资金'],
  白: ['明白', '白天'],
  红: ['口红', '红包', '网红'],
  奶: ['奶奶'],
  鸡: ['鸡蛋'],
  杯: ['水杯', '杯子'],
  灯: ['台灯'],
  蛋: ['鸡蛋', '蛋白粉', '打蛋器'],
  男: ['男士', '男式', '男款'],
  女: ['女士', '女式', '女款'],
};

export const CATEGORY_LABELS: Record<string, { en: string; zh: string }> = {
  beauty: { en: 'Beauty', zh: '美妆' },
  fragrances: { en: 'Fragrances', zh: '香水' },
  furniture: { en: 'Furniture', zh: '家具' },
  groceries: { en: 'Groceries', zh: '食品杂货' },
  'home-decoration': { en: 'Home decoration', zh: '家居装饰' },
  'kitchen-accessories': { en: 'Kitchen accessories', zh: '厨房用品' },
  laptops: { en: 'Laptops', zh: '笔记本电脑' },
  'mens-shirts': { en: "Men's shirts", zh: '男士衬衫' },
  'mens-shoes': { en: "Men's shoes", zh: '男鞋' },
  'mens-watches': { en: "Men's watches", zh: '男士手表' },
  'mobile-accessories': { en: 'Mobile accessories', zh: '手机配件' },
  motorcycle: { en: 'Motorcycles', zh: '摩托车' },
  'skin-care': { en: 'Skin care', zh: '护肤' },
  smartphones: { en: 'Smartphones', zh: '手机' },
  'sports-accessories': { en: 'Sports accessories', zh: '运动用品' },
  sunglasses: { en: 'Sunglasses', zh: '太阳镜' },
  tablets: { en: 'Tablets', zh: '平板电脑' },
  tops: { en: 'Tops', zh: '上衣' },
  vehicle: { en: 'Vehicles', zh: '汽车' },
  'womens-bags': { en: "Women's bags", zh: '女包' },
  'womens-dresses': { en: "Women's dresses", zh: '女装连衣裙' },
  'womens-jewellery': { en: "Women's jewellery", zh: '女士首饰' },
  'womens-shoes': { en: "Women's shoes", zh: '女鞋' },
  'womens-watches': { en: "Women's watches", zh: '女士手表' },
};

/** Chinese (and common short) names of brands, mapped to the brand as catalogs spell it. */
export const BRAND_ALIASES: Readonly<Record<string, string>> = {
  苹果: 'Apple',
  三星: 'Samsung',
  华为: 'Huawei',
  小米: 'Xiaomi',
  联想: 'Lenovo',
  戴尔: 'Dell',
  华硕: 'Asus',
  惠普: 'HP',
  宏碁: 'Acer',
  索尼: 'Sony',
  微软: 'Microsoft',
  技嘉: 'Gigabyte',
  荣耀: 'Honor',
  一加: 'OnePlus',
  欧珀: 'Oppo',
  维沃: 'Vivo',
  真我: 'Realme',
  香奈儿: 'Chanel',
  迪奥: 'Dior',
  古驰: 'Gucci',
  普拉达: 'Prada',
  杜嘉班纳: 'Dolce & Gabbana',
  卡尔文克莱因: 'Calvin Klein',
  耐克: 'Nike',
  阿迪达斯: 'Adidas',
  彪马: 'Puma',
  劳力士: 'Rolex',
  浪琴: 'Longines',
  万国: 'IWC',
  亚马逊: 'Amazon',
  川崎: 'Kawasaki',
  道奇: 'Dodge',
  克莱斯勒: 'Chrysler',
  玉兰油: 'Olay',
  凡士林: 'Vaseline',
  雅诗兰黛: 'Estee Lauder',
  兰蔻: 'Lancome',
  欧莱雅: "L'Oreal",
  宜家: 'IKEA',
};
