export default definePageConfig({ navigationBarTitleText: '搜索科室和医生' });
