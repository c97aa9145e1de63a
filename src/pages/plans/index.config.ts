export default definePageConfig({
  navigationBarTitleText: '方案征集',
})
