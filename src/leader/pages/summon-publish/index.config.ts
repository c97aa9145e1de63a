export default definePageConfig({
  navigationBarTitleText: '发布召集令',
})
