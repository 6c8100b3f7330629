#include "app/gui/app_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace qs::gui {

QString demoModelPath()
{
    QStringList candidates;
    if (QCoreApplication::instance())
        candidates << QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/quantscope/models/fmnist_demo.onnx"));
#ifdef QS_DEMO_MODEL_SOURCE
    candidates << QStringLiteral(QS_DEMO_MODEL_SOURCE);
#endif
#ifdef QS_FALLBACK_MODEL_SOURCE
    candidates << QStringLiteral(QS_FALLBACK_MODEL_SOURCE);
#endif
    for (const QString& path : candidates)
        if (QFileInfo::exists(path))
            return QFileInfo(path).canonicalFilePath();
    return {};
}

QString appVersion()
{
#ifdef QS_VERSION
    return QStringLiteral(QS_VERSION);
#else
    return QStringLiteral("0");
#endif
}

} // namespace qs::gui
