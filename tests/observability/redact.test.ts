import { redact, redactString } from '../../functions/observability/redact';

describe('log redaction keeps identifiers and masks personal data (defect 8)', () => {
  it.each([
    ['a web chat conversation id', 'wc_a1234567890da8c50cb47f8'],
    ['a session id with a long digit run', 'wc_9f20251129123456789012ab'],
    ['an IPv4 address', '127.0.0.1'],
    ['another IPv4 address', '203.0.113.254'],
    ['a Slack conversation id', 'slack:T111:C111:1595926230.009600'],
    ['a Teams conversation id', 'teams:19:generalChannelId@thread.skype;messageid=1599999999999'],
    ['an ISO timestamp', '2026-11-29T22:40:30.123Z'],
    ['an order id', 'order 5001-20261129-0042'],
    ['a reply id', 'r_Yx2Q0b4c1234567890'],
  ])('keeps %s', (_what, value) => {
    expect(redactString(value)).toBe(value);
  });

  it.each([
    ['an international phone number', 'call me on +1 415 555 0100 please', 'call me on [phone] please'],
    ['a Chinese mobile number', '我的手机 13812345678', '我的手机 [phone]'],
    ['a phone number with dashes', 'phone: 415-555-0100.', 'phone: [phone].'],
    ['a phone number in brackets', 'ring (415) 555-0100', 'ring [phone]'],
    ['an e-mail address', 'mail ann.lee@example.com now', 'mail [email] now'],
  ])('masks %s', (_what, value, expected) => {
    expect(redactString(value)).toBe(expected);
  });

  it('keeps ids in structured fields while dropping free text', () => {
    expect(
      redact({
        conversationId: 'wc_a1234567890da8c50cb47f8',
        sourceIp: '10.1.2.3',
        text: 'hi +1 415 555 0100',
      }),
    ).toEqual({ conversationId: 'wc_a1234567890da8c50cb47f8', sourceIp: '10.1.2.3', text: '[redacted]' });
  });
});
