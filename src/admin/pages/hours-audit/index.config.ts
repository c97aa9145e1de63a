export default definePageConfig({
  navigationBarTitleText: '时长补录记录',
})
