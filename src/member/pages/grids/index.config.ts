export default definePageConfig({
  navigationBarTitleText: '网格目录',
})
