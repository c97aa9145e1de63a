export default definePageConfig({
  navigationBarTitleText: '方案征集',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
})
