// 选择身份 (a demo identity on the local server) exists only in the H5 build: in the mini program the
// WeChat OPENID is the identity, so the page does not ship in the weapp's main package.
const H5_ONLY_PAGES = process.env.TARO_ENV === 'h5' ? ['pages/login/index'] : []

export default defineAppConfig({
  pages: [
    'pages/summons/index',
    'pages/checkin/index',
    'pages/plans/index',
    'pages/me/index',
    ...H5_ONLY_PAGES,
    'pages/profile/index',
    'pages/grids/index',
    'pages/grid/index',
    'pages/invite/index',
    'pages/summon/index',
    'pages/plan/index',
    'pages/checkins/index',
    'pages/org/index',
  ],
  subPackages: [
    {
      root: 'admin',
      pages: ['pages/grid-create/index', 'pages/overview/index', 'pages/grid-manage/index'],
    },
    {
      // The secretary's screens of an organisation (二维: members, join requests, receipts, export).
      root: 'org',
      pages: ['pages/members/index', 'pages/receipt/index'],
    },
    {
      root: 'leader',
      pages: [
        'pages/poster/index',
        'pages/live-code/index',
        'pages/summon-publish/index',
        'pages/roster/index',
        'pages/plan-edit/index',
      ],
    },
    {
      // Pages for everyone that the main package need not carry: where an unknown address lands.
      root: 'more',
      pages: ['pages/not-found/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '二维报到',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/summons/index',
        text: '召集令',
        iconPath: 'assets/tabbar/summons.png',
        selectedIconPath: 'assets/tabbar/summons-active.png',
      },
      {
        pagePath: 'pages/checkin/index',
        text: '扫码报到',
        iconPath: 'assets/tabbar/checkin.png',
        selectedIconPath: 'assets/tabbar/checkin-active.png',
      },
      {
        pagePath: 'pages/plans/index',
        text: '方案',
        iconPath: 'assets/tabbar/plans.png',
        selectedIconPath: 'assets/tabbar/plans-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  // WeChat's current component styles (v2): NutUI and our pages are drawn against them.
  style: 'v2',
  // Which pages WeChat search may index: see src/sitemap.json (public pages only).
  sitemapLocation: 'sitemap.json',
  lazyCodeLoading: 'requiredComponents',
  // Location: only to confirm a check-in near a grid's base (grids that require it).
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于确认你在网格阵地附近签到' },
  },
})
