export default definePageConfig({
  navigationBarTitleText: '网格',
  enableShareAppMessage: true,
})
