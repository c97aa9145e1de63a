export default definePageConfig({
  navigationBarTitleText: '报到回执',
})
