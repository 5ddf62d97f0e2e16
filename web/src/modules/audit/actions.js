// The audit page's words and links. The Chinese names of actions come from the server's one list
// (GET /audit/actions), which also fills the 操作 filter; records carry action_name, object_title, object_kind
// and org_name. An action not in the list shows its code, so a new server action is never hidden.

// The filter's option groups, in the list's order: [{ label: '问题清单', options: [{code, name}] }].
export function actionGroups(actions) {
  const groups = [];
  for (const a of actions || []) {
    let group = groups.find((g) => g.label === a.group);
    if (!group) groups.push((group = { label: a.group || '其他', options: [] }));
    group.options.push(a);
  }
  return groups;
}

// Where a record's object can be opened (a router location), or null.
export function objectLink(row) {
  const id = row.object;
  switch (row.object_kind) {
    case 'item': return { name: 'duty-item', params: { id } };
    case 'list': return { name: 'duty-list', params: { id } };
    case 'person': return { name: 'person', params: { id } };
    case 'org': return { name: 'orgs', params: { code: id } };
    case 'account': return { name: 'users', query: { login: id } };
    default: return null;
  }
}

// The object in words: its title with its id or login, or the stored text when it is no stored object.
export function objectText(row) {
  if (!row.object) return '—';
  if (!row.object_title) return row.object;
  const kind = { item: '事项', list: '责任清单', person: '人员', org: '组织', account: '账号' }[row.object_kind] || '';
  return `${kind ? kind + '：' : ''}${row.object_title}`;
}
