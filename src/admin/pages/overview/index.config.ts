export default definePageConfig({
  navigationBarTitleText: '网格一张图',
})
