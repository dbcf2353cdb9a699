import { NOTICE_KINDS } from '../../domain/notices/notice';
import { wechatValueLimit } from './wechat-subscribe.channel';
import { NOTICES_DEMO_DEFAULTS, NoticesConfigSchema } from '@hosp/config';
import { demoWechatTemplateKeys } from './wechat-subscribe.sim';
import { demoAlipayTemplateKeys } from './alipay-template.sim';

describe('proposed notices config block', () => {
  it('parses from nothing to the demo defaults', () => {
    expect(NoticesConfigSchema.parse({})).toEqual(NOTICES_DEMO_DEFAULTS);
    expect(NOTICES_DEMO_DEFAULTS).toMatchObject({ timeoutMs: 5000, wechat: { miniprogramState: 'formal', tokenMarginSeconds: 300 } });
  });

  it('has a WeChat and an Alipay template for every notice kind, known to the simulators', () => {
    const wx = demoWechatTemplateKeys();
    const ali = demoAlipayTemplateKeys();
    for (const kind of NOTICE_KINDS) {
      const w = NOTICES_DEMO_DEFAULTS.wechat.templates[kind];
      const a = NOTICES_DEMO_DEFAULTS.alipay.templates[kind];
      expect(w && wx[w.templateId]).toBeTruthy();
      expect(a && ali[a.templateId]).toBeTruthy();
      for (const key of Object.values(w!.fields)) expect(wechatValueLimit(key)).toBeGreaterThan(0);
    }
  });

  it('refuses keys that are not the platform shape', () => {
    expect(() => NoticesConfigSchema.parse({ wechat: { templates: { fee_due: { templateId: 't', fields: { a: 'keyword1' } } } } })).toThrow();
    expect(() => NoticesConfigSchema.parse({ alipay: { templates: { fee_due: { templateId: 't', fields: { a: 'thing1' } } } } })).toThrow();
    expect(() => NoticesConfigSchema.parse({ wechat: { templates: { fee_due: { templateId: 't', fields: {} } } } })).toThrow();
  });
});
