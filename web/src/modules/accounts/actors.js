// Who did something, as every page names them (the server's accounts/actors.h gives `<key>_name` and
// `<key>_kind` beside each login): the account holder's name with the login as the small print, 命令行（系统） for
// the command line, 未登录的访问者 for a request before any sign-in, anything else as recorded. Pure; no Vue.

// { name, detail, title }: `name` to show, `detail` the small print beside it ('' for none), `title` the tooltip.
export function actorText(login, name, kind) {
  if (!login) return { name: '—', detail: '', title: '' };
  if (kind === 'cli') {
    const user = login.replace(/^cli:/, '');
    return { name: '命令行（系统）', detail: '', title: `在服务器上用命令行操作（操作系统用户 ${user}）` };
  }
  if (kind === 'anonymous') return { name: '未登录的访问者', detail: '', title: '未登录时的请求，按来源地址记录' };
  if (kind === 'account' && name && name !== login) return { name, detail: login, title: `账号 ${login}` };
  return { name: name || login, detail: '', title: kind === 'account' ? `账号 ${login}` : '' };
}
