export default definePageConfig({
  navigationBarTitleText: '我的报到记录',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
})
