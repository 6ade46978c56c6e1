/**
 * Shopper-question concepts shared by English and Chinese, so that "do you ship to Canada?", "shipping to
 * canada?" and "能寄到加拿大吗" meet on the same terms. Data only: `question-terms.ts` reads it.
 *
 * - `en`: English words in their plural-stemmed form (see `stemEnglish`) or two-word phrases;
 * - `zh`: Chinese words, matched as substrings of a Han run (longest first);
 * - `weight`: how much the concept says about what a question is about (default 1). Places and payment
 *   brands name the exact thing asked, so they weigh more; generic words weigh less.
 * A word may belong to several concepts ("运费" is shipping and a cost).
 */
export interface ConceptEntry {
  weight?: number;
  en: string[];
  zh: string[];
}

export const CONCEPTS: Record<string, ConceptEntry> = {
  ship: {
    en: [
      'ship',
      'shipping',
      'shipped',
      'shipment',
      'deliver',
      'delivery',
      'delivered',
      'delivering',
      'dispatch',
      'courier',
      'freight',
      'mail',
      'post',
      'postage',
      'send',
      'sending',
      'sent',
      'shippinh',
    ],
    zh: [
      '寄',
      '邮寄',
      '配送',
      '发货',
      '运送',
      '送货',
      '快递',
      '物流',
      '送到',
      '寄到',
      '发到',
      '运到',
      '运费',
      '邮费',
      '包邮',
      '派送',
    ],
  },
  international: {
    weight: 1.2,
    en: ['international', 'internationally', 'abroad', 'overseas', 'worldwide', 'foreign', 'outside'],
    zh: ['国际', '海外', '国外', '全球', '境外', '出国'],
  },
  canada: {
    weight: 1.8,
    en: ['canada', 'canadian', 'toronto', 'vancouver', 'montreal'],
    zh: ['加拿大', '多伦多', '温哥华'],
  },
  usa: {
    weight: 1.8,
    en: ['usa', 'america', 'american', 'united state', 'new york', 'california'],
    zh: ['美国', '纽约', '加州'],
  },
  uk: { weight: 1.8, en: ['uk', 'britain', 'england', 'united kingdom', 'london'], zh: ['英国', '伦敦'] },
  australia: {
    weight: 1.8,
    en: ['australia', 'australian', 'sydney', 'melbourne'],
    zh: ['澳大利亚', '澳洲', '悉尼'],
  },
  germany: { weight: 1.8, en: ['germany', 'german', 'berlin', 'munich'], zh: ['德国', '柏林'] },
  france: { weight: 1.8, en: ['france', 'french', 'paris'], zh: ['法国', '巴黎'] },
  spain: {
    weight: 1.8,
    en: ['spain', 'spanish', 'madrid', 'valencia', 'barcelona'],
    zh: ['西班牙', '马德里'],
  },
  japan: { weight: 1.8, en: ['japan', 'japanese', 'tokyo'], zh: ['日本', '东京'] },
  korea: { weight: 1.8, en: ['korea', 'korean', 'seoul'], zh: ['韩国', '首尔'] },
  china: {
    weight: 1.8,
    en: ['china', 'mainland', 'beijing', 'shanghai'],
    zh: ['中国', '大陆', '内地', '北京', '上海'],
  },
  hongkong: { weight: 1.8, en: ['hong kong', 'hk'], zh: ['香港'] },
  taiwan: { weight: 1.8, en: ['taiwan', 'taipei'], zh: ['台湾', '台北'] },
  singapore: { weight: 1.8, en: ['singapore'], zh: ['新加坡'] },
  mexico: { weight: 1.8, en: ['mexico', 'mexican'], zh: ['墨西哥'] },
  newzealand: { weight: 1.8, en: ['new zealand', 'nz'], zh: ['新西兰'] },
  europe: { weight: 1.6, en: ['europe', 'european', 'eu'], zh: ['欧洲', '欧盟'] },
  pay: {
    en: ['pay', 'payment', 'paying', 'paid', 'checkout', 'modality', 'modalitie'],
    zh: ['付款', '支付', '付钱', '结账', '买单', '付费', '付'],
  },
  paypal: { weight: 2, en: ['paypal'], zh: ['贝宝'] },
  card: {
    weight: 1.4,
    en: ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex'],
    zh: ['信用卡', '银行卡', '借记卡', '刷卡', '储蓄卡'],
  },
  alipay: { weight: 2, en: ['alipay'], zh: ['支付宝'] },
  wechatpay: { weight: 2, en: ['wechat', 'weixin'], zh: ['微信'] },
  applepay: { weight: 2, en: ['apple pay', 'google pay'], zh: [] },
  cashondelivery: { weight: 1.8, en: ['cash on', 'cod'], zh: ['货到付款'] },
  installment: {
    weight: 1.8,
    en: ['installment', 'instalment', 'klarna', 'afterpay', 'financing'],
    zh: ['分期'],
  },
  crypto: { weight: 1.8, en: ['bitcoin', 'crypto', 'cryptocurrency'], zh: ['比特币', '加密货币'] },
  refund: {
    weight: 1.2,
    en: [
      'refund',
      'refunded',
      'refunding',
      'reimbursement',
      'reimburse',
      'money back',
      'compensation',
      'rebate',
      'repayment',
    ],
    zh: ['退款', '退钱', '返款', '退费', '赔偿'],
  },
  return: { weight: 1.2, en: ['return', 'returning', 'returned', 'send back'], zh: ['退货', '退回', '退换'] },
  exchange: { weight: 1.2, en: ['exchange', 'swap'], zh: ['换货', '调换'] },
  cancel: {
    weight: 1.2,
    en: [
      'cancel',
      'cancellation',
      'cancelling',
      'canceling',
      'cancelled',
      'canceled',
      'cancelation',
      'terminate',
      'termination',
      'withdrawal',
      'early exit',
    ],
    zh: ['取消', '撤销', '撤单'],
  },
  order: { en: ['order', 'ordered', 'ordering', 'purchase', 'purchased'], zh: ['订单', '下单', '订购'] },
  track: {
    weight: 1.2,
    en: ['track', 'tracking', 'status', 'where is'],
    zh: ['跟踪', '追踪', '查询', '到哪', '状态', '单号'],
  },
  invoice: { weight: 1.3, en: ['invoice', 'bill', 'receipt', 'billing'], zh: ['发票', '账单', '收据'] },
  account: { en: ['account', 'profile'], zh: ['账户', '账号', '帐号', '帐户'] },
  password: { weight: 1.3, en: ['password', 'pin', 'passcode', 'pwd', 'access key'], zh: ['密码'] },
  login: { weight: 1.2, en: ['login', 'log in', 'sign in', 'signin', 'logon'], zh: ['登录', '登陆'] },
  register: {
    weight: 1.2,
    en: ['register', 'registration', 'sign up', 'signup', 'registering'],
    zh: ['注册'],
  },
  create: { en: ['create', 'creating', 'open', 'opening', 'new'], zh: ['创建', '开通', '新建', '开户'] },
  remove: {
    en: ['delete', 'deleting', 'remove', 'removing', 'close', 'closing', 'deactivate'],
    zh: ['删除', '注销', '关闭'],
  },
  change: {
    en: [
      'change',
      'changing',
      'edit',
      'editing',
      'modify',
      'modifying',
      'update',
      'updating',
      'correct',
      'correcting',
      'alter',
    ],
    zh: ['修改', '更改', '更新', '改', '变更'],
  },
  switch: { en: ['switch', 'switching', 'use', 'using', 'move'], zh: ['切换', '转换'] },
  address: { weight: 1.2, en: ['address', 'addresse'], zh: ['地址'] },
  newsletter: {
    weight: 1.4,
    en: ['newsletter', 'subscribe', 'subscription', 'unsubscribe', 'mailing list'],
    zh: ['订阅', '邮件列表', '简报'],
  },
  complaint: {
    weight: 1.3,
    en: ['complaint', 'complain', 'claim', 'reclamation', 'grievance'],
    zh: ['投诉', '抱怨'],
  },
  feedback: {
    weight: 1.2,
    en: ['review', 'feedback', 'opinion', 'comment', 'rating'],
    zh: ['评价', '评论', '反馈', '意见', '点评'],
  },
  person: {
    weight: 1.2,
    en: [
      'agent',
      'human',
      'person',
      'operator',
      'representative',
      'somebody',
      'someone',
      'staff',
      'live',
      'real',
    ],
    zh: ['人工', '真人', '工作人员'],
  },
  service: {
    en: ['customer service', 'customer support', 'customer assistance', 'support', 'service'],
    zh: ['客服', '售后'],
  },
  contact: {
    en: ['contact', 'call', 'phone', 'email', 'reach', 'speak', 'talk', 'touch'],
    zh: ['联系', '电话', '邮箱', '打电话'],
  },
  hours: {
    weight: 1.2,
    en: ['hour', 'opening hour', 'business hour', "o'clock"],
    zh: ['营业时间', '几点', '上班时间'],
  },
  duration: {
    en: ['how long', 'long', 'day', 'week', 'take', 'arrive', 'arrival', 'eta', 'soon', 'period', 'expect'],
    zh: ['多久', '几天', '多长时间', '到货', '什么时候到', '时间', '多少天', '到达'],
  },
  fee: {
    en: ['fee', 'charge', 'cost', 'price', 'penalty', 'fine', 'expensive', 'how much'],
    zh: ['费用', '手续费', '收费', '费', '多少钱', '价格', '罚金', '违约金', '运费', '邮费'],
  },
  free: { weight: 1.2, en: ['free'], zh: ['免费', '包邮'] },
  express: {
    weight: 1.2,
    en: ['express', 'expedited', 'overnight', 'next day', 'same day', 'faster', 'fast', 'rush'],
    zh: ['加急', '次日达', '特快', '当日达', '加快'],
  },
  pickup: {
    weight: 1.4,
    en: ['pickup', 'pick up', 'collect', 'collection', 'click and'],
    zh: ['自提', '取货', '到店取'],
  },
  shop: {
    weight: 1.2,
    en: ['physical', 'showroom', 'retail', 'brick', 'location', 'branch'],
    zh: ['门店', '实体店', '店铺', '专卖店'],
  },
  gift: { weight: 1.4, en: ['gift', 'wrap', 'wrapping', 'present'], zh: ['礼品', '礼物', '包装', '礼盒'] },
  // A gift card is its own question, not gift wrapping: the phrase (and the longer Chinese word) wins.
  giftcard: {
    weight: 1.8,
    en: ['gift card', 'gift certificate', 'gift voucher', 'giftcard', 'voucher'],
    zh: ['礼品卡', '礼卡', '礼券', '购物卡', '代金券'],
  },
  warranty: { weight: 1.3, en: ['warranty', 'guarantee', 'repair'], zh: ['保修', '质保', '维修', '保固'] },
  discount: {
    weight: 1.3,
    en: ['discount', 'coupon', 'promo', 'voucher', 'sale', 'deal', 'promotion'],
    zh: ['优惠', '折扣', '优惠券', '促销', '打折', '优惠码'],
  },
  code: { en: ['code'], zh: ['码'] },
  recover: {
    weight: 1.2,
    en: ['recover', 'recovery', 'restore', 'reset', 'retrieve', 'forgot', 'forgotten', 'lost'],
    zh: ['找回', '重置', '忘记', '恢复'],
  },
  policy: {
    en: ['policy', 'situation', 'circumstance', 'case', 'condition', 'rule', 'term'],
    zh: ['政策', '规定', '条件', '条款', '情况'],
  },
  details: {
    weight: 0.5,
    en: ['data', 'info', 'detail', 'information', 'personal'],
    zh: ['资料', '信息', '个人信息'],
  },
  size: { weight: 1.2, en: ['size', 'sizing', 'fit', 'measurement'], zh: ['尺码', '尺寸', '大小', '码数'] },
  stock: {
    en: ['stock', 'restock', 'available', 'availability', 'sold out'],
    zh: ['库存', '有货', '补货', '缺货', '现货'],
  },
  tax: {
    weight: 1.3,
    en: ['tax', 'vat', 'customs', 'duty', 'dutie', 'import'],
    zh: ['税', '关税', '海关', '报关'],
  },
  wholesale: { weight: 1.4, en: ['wholesale', 'bulk', 'b2b'], zh: ['批发', '大量', '团购'] },
  student: { weight: 1.4, en: ['student', 'university', 'college'], zh: ['学生'] },
  membership: {
    weight: 1.3,
    en: ['member', 'membership', 'loyalty', 'point', 'reward', 'vip'],
    zh: ['会员', '积分'],
  },
  problem: {
    weight: 0.5,
    en: ['problem', 'issue', 'error', 'trouble', 'fail', 'failed', 'failing', 'wrong', 'bug'],
    zh: ['问题', '错误', '失败', '故障', '出错'],
  },
  option: {
    weight: 0.5,
    en: ['option', 'method', 'way', 'choice', 'accept', 'accepted', 'available'],
    zh: ['方式', '方法', '选项', '接受'],
  },
  item: {
    weight: 0.3,
    en: ['item', 'product', 'article', 'good', 'merchandise'],
    zh: ['商品', '产品', '东西', '货物'],
  },
  tier: {
    weight: 0.4,
    en: ['gold', 'platinum', 'premium', 'freemium', 'pro', 'standard', 'basic'],
    zh: ['白金', '黄金', '高级'],
  },
};

/**
 * Concepts that state a fact about the store rather than a topic: where it ships and how shoppers pay.
 * A reply quoting a FAQ entry may name one only when the entry (or another source of the turn) does:
 * "we ship to Canada and Mexico" from an entry that says Canada adds a fact the merchant never wrote.
 */
export const FACT_CONCEPTS: ReadonlySet<string> = new Set([
  'international',
  'canada',
  'usa',
  'uk',
  'australia',
  'germany',
  'france',
  'spain',
  'japan',
  'korea',
  'china',
  'hongkong',
  'taiwan',
  'singapore',
  'mexico',
  'newzealand',
  'europe',
  'paypal',
  'card',
  'alipay',
  'wechatpay',
  'applepay',
  'cashondelivery',
  'installment',
  'crypto',
]);

/**
 * Words that carry no topic in a support question ("how can I check ...", "i need assistance ..."), on top
 * of the catalog tokenizer's stopwords.
 */
export const QUESTION_STOPWORDS = new Set(
  (
    'check see know wonder wondering tell inform informing notify notifying report reporting possible able ' +
    'try trying am im dont don cant can couldn wouldn isn ya u ur pls plz thank thanks hi hello hey ' +
    'currently current still already ever yet again maybe perhaps kind sort like lot way wanna gotta ' +
    'bloody damn fucking fuck hell let ask asking question info information detail detailed ' +
    'make made making do doing go going come coming know knowing mr ms mrs sir madam'
  ).split(' '),
);

/** Chinese words that carry no topic in a question, removed before the remaining Han text is tokenized. */
export const CHINESE_QUESTION_STOPWORDS = [
  '请问',
  '你们',
  '您们',
  '可以',
  '能不能',
  '能否',
  '是否',
  '有没有',
  '怎么样',
  '怎么',
  '如何',
  '一下',
  '吗',
  '呢',
  '吧',
  '的',
  '了',
  '我',
  '你',
  '能',
  '要',
  '想',
  '会',
];
