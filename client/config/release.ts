/**
 * Release (production) builds of the mini-programs: what they must be given at build time, checked
 * before anything is compiled, so a build that would talk to the wrong server never exists.
 *
 *   CONFIG_FILE=/etc/hospital/bff.json npm run release -w client
 *
 * - the API address: TARO_APP_API_BASE, else the hospital config's `publicBaseUrl`; it must be
 *   https (WeChat and Alipay only call https domains listed in their consoles);
 * - the WeChat appid: TARO_APP_WEAPP_APPID, else the config's `wechat.appId` (remote mode); the
 *   tourist appid is refused. The Alipay appid (`alipay.appId`) is the one to upload with.
 */
import { readFileSync } from 'node:fs';

export interface ReleaseSettings {
  apiBase: string;
  weappAppId: string;
  alipayAppId: string | null;
}

export class ReleaseConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readHospitalConfig(env: Env): Record<string, any> {
  const file = env.CONFIG_FILE;
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  } catch (e) {
    throw new ReleaseConfigError(`release build: CONFIG_FILE ${file} cannot be read as JSON (${(e as Error).message})`);
  }
}

export function releaseSettings(env: Env, hospital: Record<string, any> = readHospitalConfig(env)): ReleaseSettings {
  const apiBase = (env.TARO_APP_API_BASE || hospital.publicBaseUrl || '').replace(/\/+$/, '');
  let url: URL | null = null;
  try {
    url = apiBase ? new URL(apiBase) : null;
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:' || url.search || url.hash) {
    throw new ReleaseConfigError(
      `release build: the API address must be an https URL (TARO_APP_API_BASE or publicBaseUrl in CONFIG_FILE); got ${apiBase ? JSON.stringify(apiBase) : 'nothing'}`,
    );
  }
  const weappAppId = env.TARO_APP_WEAPP_APPID || (hospital.wechat?.mode === 'remote' ? hospital.wechat.appId : '') || '';
  if (!/^wx[0-9a-f]{16}$/i.test(weappAppId)) {
    throw new ReleaseConfigError(
      `release build: the WeChat appid must be the mini-program's real one, wx + 16 hex (TARO_APP_WEAPP_APPID or wechat.appId in CONFIG_FILE); got ${weappAppId ? JSON.stringify(weappAppId) : 'nothing'}`,
    );
  }
  const alipayAppId = env.TARO_APP_ALIPAY_APPID || (hospital.alipay?.mode === 'remote' ? hospital.alipay.appId : null) || null;
  if (alipayAppId !== null && !/^\d{16}$/.test(alipayAppId)) throw new ReleaseConfigError(`release build: the Alipay appid must be 16 digits; got ${JSON.stringify(alipayAppId)}`);
  return { apiBase, weappAppId, alipayAppId };
}

/** The WeChat project file of a release: the real appid, minified upload, https checked. */
export function weappProjectConfig(base: Record<string, any>, s: ReleaseSettings): Record<string, any> {
  return { ...base, appid: s.weappAppId, setting: { ...(base.setting ?? {}), urlCheck: true, minified: true, minifyWXML: true, minifyWXSS: true } };
}
