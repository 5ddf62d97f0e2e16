import { createApp } from 'vue';
import { ElLoading, ElMessage, ElMessageBox, makeInstaller } from 'element-plus';
import { components } from 'virtual:jiceng-element';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './styles.css';
import './common/print.css';
import App from './App.vue';
import { router } from './router.js';
import { onUnauthorized, onAccountSetupRequired } from './api.js';
import { clearSession, loadSession, session } from './session.js';
import { applyElementDefaults } from './common/elementDefaults.js';

applyElementDefaults();
import { installPrint } from './common/print.js';

installPrint();

onUnauthorized(() => {
  clearSession();
  const current = router.currentRoute.value;
  if (current.name !== 'login') {
    router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
  }
});

onAccountSetupRequired(async () => {
  await loadSession();
  if (session.mustChangePassword) router.replace({ name: 'password' });
  else if (session.mustEnrollTotp) router.replace({ name: 'totp' });
});

// The components the templates use (found by the build) and the plugins the code calls, not all of Element Plus.
const elementPlus = makeInstaller([...components, ElLoading, ElMessage, ElMessageBox]);
createApp(App).use(elementPlus, { locale: zhCn }).use(router).mount('#app');
