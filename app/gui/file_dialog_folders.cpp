#include "app/gui/file_dialog_folders.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace qs::gui {

QString folderSettingsKey(FileKind kind)
{
    switch (kind) {
    case FileKind::Model: return QStringLiteral("fileDialogs/model");
    case FileKind::Data: return QStringLiteral("fileDialogs/data");
    case FileKind::Config: return QStringLiteral("fileDialogs/config");
    case FileKind::Session: return QStringLiteral("fileDialogs/session");
    case FileKind::Export: return QStringLiteral("fileDialogs/export");
    }
    return QStringLiteral("fileDialogs/other");
}

QString startFolder(FileKind kind, const QString& fallback)
{
    const QString remembered = QSettings().value(folderSettingsKey(kind)).toString();
    if (!remembered.isEmpty() && QFileInfo(remembered).isDir())
        return remembered;
    if (!fallback.isEmpty() && QFileInfo(fallback).isDir())
        return QFileInfo(fallback).absoluteFilePath();
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return !documents.isEmpty() && QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

QString startPath(FileKind kind, const QString& fileName, const QString& fallback)
{
    return QDir(startFolder(kind, fallback)).filePath(fileName);
}

void rememberFolder(FileKind kind, const QString& path)
{
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    QSettings().setValue(folderSettingsKey(kind), info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

} // namespace qs::gui
