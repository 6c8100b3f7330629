#pragma once
// Where each kind of file dialog opens: the folder last used for that kind (model, data, config, session,
// export), kept in QSettings under "fileDialogs/<kind>", else a fallback the caller knows (e.g. the loaded
// model's folder), else the user's documents folder (or home). A remembered folder that no longer exists is skipped.

#include <QString>

namespace qs::gui {

enum class FileKind { Model, Data, Config, Session, Export };

// The QSettings key of a kind ("fileDialogs/model", ...).
QString folderSettingsKey(FileKind kind);
// The folder a dialog for `kind` opens in.
QString startFolder(FileKind kind, const QString& fallback = {});
// startFolder() joined with a suggested file name, for save dialogs.
QString startPath(FileKind kind, const QString& fileName, const QString& fallback = {});
// Remembers the folder of `path` for `kind`: its parent for a file, itself for a folder. Empty: nothing.
void rememberFolder(FileKind kind, const QString& path);

} // namespace qs::gui
