export default definePageConfig({
  navigationBarTitleText: '创建网格',
})
