import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ReleaseConfigError, releaseSettings, weappProjectConfig } from '../../client/config/release';

const hospital = {
  publicBaseUrl: 'https://patient.example-hospital.cn',
  wechat: { mode: 'remote', appId: 'wx0123456789abcdef' },
  alipay: { mode: 'remote', appId: '2021000000000000' },
};

describe('release builds of the mini-programs', () => {
  it('take the https API address and the real appids from the hospital config', () => {
    expect(releaseSettings({}, hospital)).toEqual({ apiBase: 'https://patient.example-hospital.cn', weappAppId: 'wx0123456789abcdef', alipayAppId: '2021000000000000' });
    expect(releaseSettings({ TARO_APP_API_BASE: 'https://api.h.cn/', TARO_APP_WEAPP_APPID: 'wxfedcba9876543210' }, {})).toMatchObject({ apiBase: 'https://api.h.cn', weappAppId: 'wxfedcba9876543210', alipayAppId: null });
    const project = weappProjectConfig({ appid: 'touristappid', setting: { urlCheck: false, es6: false } }, releaseSettings({}, hospital));
    expect(project).toMatchObject({ appid: 'wx0123456789abcdef', setting: { urlCheck: true, minified: true, es6: false } });
  });

  it('refuse an http or missing API address, and the tourist or a missing appid', () => {
    expect(() => releaseSettings({}, { ...hospital, publicBaseUrl: 'http://patient.example-hospital.cn' })).toThrow(ReleaseConfigError);
    expect(() => releaseSettings({}, { ...hospital, publicBaseUrl: undefined })).toThrow(/must be an https URL/);
    expect(() => releaseSettings({ TARO_APP_WEAPP_APPID: 'touristappid' }, hospital)).toThrow(/real one/);
    expect(() => releaseSettings({}, { ...hospital, wechat: { mode: 'sim' } })).toThrow(/WeChat appid/);
  });

  it('fail the Taro build itself, before compiling, when the address is not https', () => {
    const r = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
      cwd: resolve(__dirname, '../../client'),
      env: { ...process.env, HOSPITAL_RELEASE: '1', TARO_APP_API_BASE: 'http://api.example.cn', TARO_APP_WEAPP_APPID: 'wx0123456789abcdef', CONFIG_FILE: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('the API address must be an https URL');
  }, 150_000);
});
