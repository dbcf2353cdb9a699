export default definePageConfig({ navigationBarTitleText: '在线建卡' });
