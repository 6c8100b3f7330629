#pragma once
// Where the workbench finds its bundled files: the demo model (installed next to the binary under
// share/quantscope/models, else the source tree's resources/models, else the test model).

#include <QString>

namespace qs::gui {

QString demoModelPath(); // empty when none is found
QString appVersion();

} // namespace qs::gui
