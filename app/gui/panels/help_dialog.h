#pragma once
// The Help menu's windows. The user guide is a bundled HTML page (resources/help/user_guide.html, compiled in
// as :/help/user_guide.html; user_guide_de.html and user_guide_zh_CN.html are preferred for those UI languages,
// like the .ts translations): the workflow, the keys, and one line per clip method and mode. The keyboard shortcuts are read from the
// window's actions, so they are always the ones that work on this system.

#include <QDialog>
#include <QList>

class QAction;
class QTextBrowser;

namespace qs::gui {

class HelpDialog : public QDialog {
    Q_OBJECT
public:
    HelpDialog(const QString& title, const QString& html, QWidget* parent = nullptr);

    QTextBrowser* browser() const { return m_browser; }

    // The user guide's HTML for the current UI language (English when there is no translated page); empty
    // when the resource is missing.
    static QString userGuideHtml();
    // A table of the actions that have a shortcut: the action's text (without its & marker) and its keys.
    static QString shortcutsHtml(const QList<QAction*>& actions);

private:
    QTextBrowser* m_browser;
};

} // namespace qs::gui
