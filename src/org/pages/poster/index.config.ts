export default definePageConfig({
  navigationBarTitleText: '组织二维码',
})
