// The list of modules, in dependency order. Adding a module: one line here.
#include "modules/module.h"

namespace jiceng {
// clang-format off
namespace org { const ModuleManifest& Manifest(); }
namespace people { const ModuleManifest& Manifest(); }
namespace accounts { const ModuleManifest& Manifest(); }
namespace audit { const ModuleManifest& Manifest(); }
namespace duty { const ModuleManifest& Manifest(); }
// clang-format on

const std::vector<const ModuleManifest*>& Modules() {
  static const std::vector<const ModuleManifest*> kModules = {&org::Manifest(), &people::Manifest(),
                                                              &accounts::Manifest(), &audit::Manifest(),
                                                              &duty::Manifest()};
  return kModules;
}

}  // namespace jiceng
