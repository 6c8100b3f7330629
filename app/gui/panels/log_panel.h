#pragma once
// A read-only log of what the workbench did and every error with its file/node/line context.

#include <QPlainTextEdit>

namespace qs::gui {

struct JobError;

class LogPanel : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit LogPanel(QWidget* parent = nullptr);
    void info(const QString& text);
    void error(const QString& text);
};

// "message\nFile: …\nNode: …\nLine: …" for a message box.
QString describe(const JobError& error);

} // namespace qs::gui
