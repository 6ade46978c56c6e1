import { ConfigError, loadConfig } from '../../functions/config/config';

describe('configuration', () => {
  test('an empty environment runs locally, offline, with documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      runtime: 'local',
      port: 3000,
      dataDir: '.data',
      llm: { mode: 'offline', model: 'gpt-4o-mini', maxRetries: 2 },
      storage: { tableName: 'ShopGuide', conversationTtlDays: 90 },
      webchat: { rateLimitPerMinute: 20, allowedOrigins: ['*'] },
    });
  });

  test('an API key or a base URL switches on LLM mode; blank values count as unset', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).llm.mode).toBe('openai');
    expect(loadConfig({ OPENAI_BASE_URL: ' http://127.0.0.1:11434/v1 ' }).llm).toMatchObject({
      mode: 'openai',
      baseUrl: 'http://127.0.0.1:11434/v1',
    });
    expect(loadConfig({ OPENAI_API_KEY: '  ', OPENAI_BASE_URL: '' }).llm.mode).toBe('offline');
  });

  test('numbers are coerced and lists split', () => {
    const config = loadConfig({
      PORT: '8080',
      WEBCHAT_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.port).toBe(8080);
    expect(config.webchat.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  test.each([
    [{ PORT: 'abc' }, /^Invalid PORT: .*number/],
    [{ PORT: '-1' }, /^Invalid PORT: .*>=0/],
    [{ OPENAI_BASE_URL: 'not a url' }, /^Invalid OPENAI_BASE_URL: Invalid URL/],
    [{ LOG_LEVEL: 'LOUD' }, /^Invalid LOG_LEVEL: .*"INFO"/],
    [{ MICROSOFT_APP_TYPE: 'Any' }, /^Invalid MICROSOFT_APP_TYPE/],
    [{ BOT_FRAMEWORK_AUTH_OVERRIDES: '[1]' }, /^Invalid BOT_FRAMEWORK_AUTH_OVERRIDES/],
  ])('a bad value %j is a ConfigError naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
