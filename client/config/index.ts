import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { releaseSettings, weappProjectConfig } from './release';

/** The shared workspace package ships TypeScript source: Taro's webpack must transpile it. */
const sharedSrc = path.resolve(__dirname, '../../shared/src');
/** zod ships ES2020 (`?.`, `??`): transpile it too so older mini-program / WebView engines parse it. */
const zodPkg = (file: string) => /node_modules[\\/]zod[\\/]/.test(file);
/** uqr (the card's QR code) ships class fields: transpile it for the same engines. */
const uqrPkg = (file: string) => /node_modules[\\/]uqr[\\/]/.test(file);
const compileInclude = [sharedSrc, zodPkg, uqrPkg];
const platform = process.env.TARO_ENV ?? 'h5';
/** A release build (scripts/release.mjs) must be given an https API address and the real appid: see release.ts. */
const release = process.env.HOSPITAL_RELEASE === '1' ? releaseSettings(process.env) : null;
/** H5 is served by the BFF at the same origin; mini programs need an absolute base. */
const apiBase = platform === 'h5' ? '' : (release?.apiBase ?? (process.env.TARO_APP_API_BASE || 'http://127.0.0.1:8080'));
/** Per platform: WeChat's sitemap, Alipay's project file (Taro writes WeChat's project.config.json itself). */
const platformFiles =
  platform === 'weapp'
    ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }]
    : platform === 'alipay'
      ? [{ from: 'mini.project.json', to: 'dist/alipay/mini.project.json' }]
      : [];
/** Subscription-message template ids asked for at the natural moments (comma-separated; WeChat takes 3 at a time). */
const subscribeTemplates = process.env.TARO_APP_SUBSCRIBE_TEMPLATES || 'sim-wx-report_ready,sim-wx-order_posted,sim-wx-queue_near';
const alipaySubscribeTemplates = process.env.TARO_APP_ALIPAY_SUBSCRIBE_TEMPLATES || 'sim-ali-report_ready,sim-ali-order_posted,sim-ali-queue_near';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'hospital-patient-app',
    date: '2025-01-01',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    /** `process.env.TARO_APP_*` in the code; a client/.env file (Taro's dotenv) overrides these. */
    env: {
      TARO_APP_SUBSCRIBE_TEMPLATES: JSON.stringify(subscribeTemplates),
      TARO_APP_ALIPAY_SUBSCRIBE_TEMPLATES: JSON.stringify(alipaySubscribeTemplates),
    },
    alias: {
      '@': path.resolve(__dirname, '../src'),
    },
    copy: { patterns: platformFiles, options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: compileInclude },
      // No minifyXML: its html-minifier turns `<input …/>` into an unclosed HTML void tag that WeChat's
      // wcc refuses (test/build/weapp-compile caught it). Release uploads minify WXML/WXSS (project.config.json).
      ...(release && platform === 'weapp' ? { webpackChain: (chain: any) => chain.plugin('release-project-config').use(ReleaseProjectConfig, [release]) } : {}),
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});

/** Writes dist/weapp/project.config.json with the release's real appid, after Taro wrote its own. */
class ReleaseProjectConfig {
  constructor(private readonly settings: NonNullable<typeof release>) {}
  apply(compiler: any): void {
    compiler.hooks.afterEmit.tap('ReleaseProjectConfig', () => {
      const file = path.resolve(__dirname, '../dist/weapp/project.config.json');
      const base = JSON.parse(readFileSync(path.resolve(__dirname, '../project.config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(file, `${JSON.stringify({ ...weappProjectConfig(base, this.settings), miniprogramRoot: './' }, null, 2)}\n`);
    });
  }
}
