// The Element Plus components the UI's templates use, found at build time, so that the bundle carries those and
// not the whole library (issue #11 §6: evaluating all of Element Plus on every page load was a large part of a
// page's first 500 ms). `import { components } from 'virtual:jiceng-element'` gives [ElButton, …] for each
// <el-…> tag in web/src (a page that starts using a new one needs nothing more); main.js installs them with
// Element Plus's own installer, with the plugins the code calls (v-loading, ElMessage, ElMessageBox).
import fs from 'node:fs';
import path from 'node:path';

const ID = 'virtual:jiceng-element';

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(vue|js)$/.test(entry.name) ? [full] : [];
  });
}

// <el-table-column → ElTableColumn, for every tag in the files under dir (sorted, once each).
export function usedComponents(dir) {
  const names = new Set();
  for (const file of sources(dir)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/<el-([a-z][a-z0-9-]*)/g)) {
      names.add(`El${match[1].replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase())}`);
    }
  }
  return [...names].sort();
}

export default function jicengElement(srcDir) {
  return {
    name: 'jiceng-element',
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    load(id) {
      if (id !== `\0${ID}`) return null;
      const names = usedComponents(srcDir);
      for (const file of sources(srcDir)) this.addWatchFile(file);
      return `import { ${names.join(', ')} } from 'element-plus';\nexport const components = [${names.join(', ')}];\n`;
    },
  };
}
