/** Chinese numerals, shared by shopper price phrases and merchant period phrases. */
const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** A number written in Chinese: 三 → 3, 三十五 → 35, 三百 → 300, 一千五 → 1500, 两万 → 20000. */
export function parseChineseNumber(text: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 1;
  for (const char of text) {
    if (char in CHINESE_DIGITS) {
      digit = CHINESE_DIGITS[char];
    } else if (char in CHINESE_UNITS) {
      const unit = CHINESE_UNITS[char];
      if (unit === 10000) {
        total += (section + (digit ?? 0)) * unit;
        section = 0;
      } else section += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
    } else return undefined;
  }
  // 一千五 is 1500: a trailing digit counts in the unit below the last one.
  const trailing =
    digit === undefined ? 0 : lastUnit >= 10 && lastUnit < 10000 ? (digit * lastUnit) / 10 : digit;
  const value = total + section + trailing;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
