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
      root: 'journeys/queue',
      pages: ['pages/mine/index'],
    },
    {
      root: 'journeys/outpatient',
      pages: ['pages/list/index'],
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
});
