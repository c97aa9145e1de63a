// Page paths here are WeChat's (no leading slash); src/utils/routes.ts (PAGES) names the same pages for
// navigation and for the cloud, and test/weapp/routes.test.ts holds the two to each other on the build.
// 选择身份 (a demo identity on the local server) exists only in the H5 build: in the mini program the
// WeChat OPENID is the identity, so the page does not ship in the weapp's main package.
const H5_ONLY_PAGES = process.env.TARO_ENV === 'h5' ? ['pages/login/index'] : []

export default defineAppConfig({
  pages: ['pages/summons/index', 'pages/checkin/index', 'pages/plans/index', 'pages/me/index', ...H5_ONLY_PAGES],
  subPackages: [
    {
      // The member's pages that are no tab (a summon, a plan, grids, the profile, invites, the
      // organisation): out of the main package, which WeChat downloads before the first screen.
      root: 'member',
      pages: [
        'pages/summon/index',
        'pages/plan/index',
        'pages/profile/index',
        'pages/grids/index',
        'pages/grid/index',
        'pages/invite/index',
        'pages/checkins/index',
        'pages/org/index',
      ],
    },
    {
      root: 'admin',
      pages: ['pages/grid-create/index', 'pages/overview/index', 'pages/grid-manage/index', 'pages/hours-audit/index'],
    },
    {
      // The secretary's screens of an organisation (二维: members, join requests, receipts, export).
      root: 'org',
      pages: ['pages/members/index', 'pages/receipt/index', 'pages/poster/index'],
    },
    {
      root: 'leader',
      pages: [
        'pages/poster/index',
        'pages/live-code/index',
        'pages/summon-publish/index',
        'pages/roster/index',
        'pages/plan-edit/index',
        'pages/grid-people/index',
      ],
    },
    {
      // 志愿时长 (issue 15): the member's hours, the 志愿服务记录证明 and its public check.
      root: 'hours',
      pages: ['pages/mine/index', 'pages/certificate/index', 'pages/verify/index'],
    },
    {
      // Pages for everyone that the main package need not carry: where an unknown address lands.
      root: 'more',
      pages: ['pages/not-found/index'],
    },
  ],
  // Opening the 召集令, 方案 or 我的 tab fetches the member subpackage in the background (any network: it
  // is small), so a summon, a plan or the profile opened from the tab does not wait for its download.
  preloadRule: {
    'pages/summons/index': { network: 'all', packages: ['member'] },
    'pages/plans/index': { network: 'all', packages: ['member'] },
    'pages/me/index': { network: 'all', packages: ['member'] },
  },
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
