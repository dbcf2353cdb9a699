export default definePageConfig({ navigationBarTitleText: '为住院亲友缴押金' });
