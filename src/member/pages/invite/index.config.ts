export default definePageConfig({
  navigationBarTitleText: '接受邀请',
  enableShareAppMessage: true,
})
