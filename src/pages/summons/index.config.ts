export default definePageConfig({
  navigationBarTitleText: '召集令',
  enablePullDownRefresh: true,
})
