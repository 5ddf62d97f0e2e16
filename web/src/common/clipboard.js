// Copying a text the user is shown (a one-time password, a TOTP secret), with a message either way; `what`
// names it in the message ("已复制密钥").
import { ElMessage } from 'element-plus';

export async function copyText(text, what = '') {
  try {
    await navigator.clipboard.writeText(text);
    ElMessage.success(`已复制${what}`);
  } catch {
    ElMessage.warning(`无法自动复制，请手动选择${what}`);
  }
}
