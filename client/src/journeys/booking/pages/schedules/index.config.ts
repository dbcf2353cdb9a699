export default definePageConfig({ navigationBarTitleText: '选择号源' });
