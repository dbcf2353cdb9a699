export default definePageConfig({ navigationBarTitleText: '一日清' });
