export default definePageConfig({
  navigationBarTitleText: '召集令',
  enableShareAppMessage: true,
})
