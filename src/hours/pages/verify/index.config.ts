export default definePageConfig({
  navigationBarTitleText: '核验证明',
})
