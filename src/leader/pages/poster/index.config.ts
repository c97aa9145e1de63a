export default definePageConfig({
  navigationBarTitleText: '报到海报',
})
