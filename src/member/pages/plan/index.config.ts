export default definePageConfig({
  navigationBarTitleText: '方案',
  enableShareAppMessage: true,
})
