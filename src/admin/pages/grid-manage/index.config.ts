export default definePageConfig({
  navigationBarTitleText: '网格管理',
})
