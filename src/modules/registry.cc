// The list of modules, in dependency order. Adding a module: one line here.
#include "modules/module.h"

namespace jiceng {
// clang-format off
namespace org { const ModuleManifest& Manifest(); }
namespace people { const ModuleManifest& Manifest(); }
namespace accounts { const ModuleManifest& Manifest(); }
namespace audit { const ModuleManifest& Manifest(); }
namespace duty { const ModuleManifest& Manifest(); }
namespace imports { const ModuleManifest& Manifest(); }
namespace membership { const ModuleManifest& Manifest(); }
namespace orglife { const ModuleManifest& Manifest(); }
// clang-format on

const std::vector<const ModuleManifest*>& Modules() {
  static const std::vector<const ModuleManifest*> kModules = {&org::Manifest(), &people::Manifest(),
                                                              &accounts::Manifest(), &audit::Manifest(),
                                                              &duty::Manifest(), &imports::Manifest(),
                                                              &membership::Manifest(), &orglife::Manifest()};
  return kModules;
}

std::vector<std::function<void(store::Connection&, int64_t, int64_t, Date)>> MergeListeners() {
  std::vector<std::function<void(store::Connection&, int64_t, int64_t, Date)>> listeners;
  for (const ModuleManifest* m : Modules()) {
    if (m->on_org_merge) listeners.push_back(m->on_org_merge);
  }
  return listeners;
}

}  // namespace jiceng
