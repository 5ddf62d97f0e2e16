// The list of modules, in dependency order. Adding a module: one line here.
#include "modules/module.h"

namespace jiceng {
namespace org { const ModuleManifest& Manifest(); }
namespace people { const ModuleManifest& Manifest(); }

const std::vector<const ModuleManifest*>& Modules() {
  static const std::vector<const ModuleManifest*> kModules = {&org::Manifest(), &people::Manifest()};
  return kModules;
}

}  // namespace jiceng
