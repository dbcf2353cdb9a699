export default definePageConfig({ navigationBarTitleText: '绑定已有就诊卡' });
