export default defineAppConfig({
  /** Main package: the shell every journey starts from. Journeys live in subpackages. */
  pages: ['pages/home/index', 'pages/me/index', 'pages/login/index', 'pages/notices/index'],
  subPackages: [
    {
      root: 'journeys/patients',
      pages: ['pages/list/index', 'pages/bind/index', 'pages/create/index', 'pages/detail/index', 'pages/card/index'],
    },
    {
      root: 'journeys/booking',
      pages: ['pages/departments/index', 'pages/schedules/index', 'pages/slots/index', 'pages/confirm/index', 'pages/search/index', 'pages/doctor/index'],
    },
    {
      root: 'journeys/orders',
      pages: ['pages/list/index', 'pages/detail/index'],
    },
    {
      root: 'journeys/reports',
      pages: ['pages/list/index', 'pages/detail/index'],
    },
    {
      root: 'journeys/inpatient',
      pages: ['pages/deposit/index', 'pages/daily-bill/index', 'pages/prepay/index', 'pages/result/index', 'pages/family/index'],
    },
    {
      root: 'journeys/queue',
      pages: ['pages/mine/index'],
    },
    {
      root: 'journeys/legal',
      pages: ['pages/document/index', 'pages/consent/index'],
    },
    {
      root: 'journeys/deposit',
      pages: ['pages/account/index', 'pages/refund/index'],
    },
    {
      root: 'journeys/outpatient',
      // list: the old address of the unpaid list (notices already sent link to it); it forwards.
      pages: ['pages/visits/index', 'pages/unpaid/index', 'pages/list/index'],
    },
    {
      root: 'journeys/ecard',
      pages: ['pages/recharge/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '医院服务',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f6f8',
  },
  // WeChat: which pages its search may index (sitemap.json, copied by config/index.ts), and the
  // privacy check that holds privacy APIs until the user agreed (see platform/privacy.weapp.ts).
  ...(process.env.TARO_ENV === 'weapp' ? { sitemapLocation: 'sitemap.json', __usePrivacyCheck__: true } : {}),
});
