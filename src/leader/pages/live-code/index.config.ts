export default definePageConfig({
  navigationBarTitleText: '活动签到码',
  navigationBarBackgroundColor: '#c8161d',
})
