export default definePageConfig({
  navigationBarTitleText: '成员与报到记录',
})
