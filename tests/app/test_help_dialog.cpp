// The Help menu: User Guide (F1), Keyboard Shortcuts, About Qt and About QuantScope. The guide opens with the
// bundled page, which covers the workflow and names every clip method and mode the table offers; the
// shortcuts window lists the window's real shortcuts.
#include "app/gui/main_window.h"
#include "app/gui/models/layer_config.h"
#include "app/gui/panels/help_dialog.h"

#include <QAction>
#include <QDialog>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>

using namespace qs::gui;

namespace {
QString browserText(QWidget* dialog)
{
    auto* browser = dialog ? dialog->findChild<QTextBrowser*>() : nullptr;
    return browser ? browser->toPlainText() : QString();
}
} // namespace

class TestHelpDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    void helpMenuHasTheActions()
    {
        MainWindow window;
        QMenu* help = window.findChild<QMenu*>(QStringLiteral("helpMenu"));
        QVERIFY(help);
        QVERIFY(window.menuBar()->actions().contains(help->menuAction()));
        for (const char* name : {"userGuideAction", "shortcutsAction", "aboutQtAction"}) {
            auto* action = window.findChild<QAction*>(QString::fromLatin1(name));
            QVERIFY2(action, name);
            QVERIFY2(help->actions().contains(action), name);
        }
        QCOMPARE(window.findChild<QAction*>(QStringLiteral("userGuideAction"))->shortcut(), QKeySequence(QKeySequence::HelpContents));
        QCOMPARE(help->actions().size(), 5); // guide, shortcuts, separator, About Qt, About QuantScope
    }

    void userGuideOpensWithTheWorkflowMethodsAndModes()
    {
        MainWindow window;
        QAction* action = window.findChild<QAction*>(QStringLiteral("userGuideAction"));
        QVERIFY(action);
        action->trigger();
        auto* guide = window.findChild<QDialog*>(QStringLiteral("userGuide"));
        QVERIFY(guide);
        QVERIFY(guide->isVisible());
        const QString text = browserText(guide);
        QVERIFY(text.size() > 500);
        for (const char* step : {"Load", "Calibrate", "histogram", "Edit layers", "Evaluate", "Export", "Ctrl+E", "Ctrl+L"})
            QVERIFY2(text.contains(QLatin1String(step)), step);
        for (const QString& method : clipMethodNames())
            QVERIFY2(text.contains(method), qPrintable(method));
        for (const QString& mode : modeNames())
            QVERIFY2(text.contains(mode), qPrintable(mode));
        // Asking again raises the same window.
        action->trigger();
        QCOMPARE(window.findChildren<QDialog*>(QStringLiteral("userGuide")).size(), 1);
    }

    // The German and Chinese pages are picked for those languages (English otherwise) and cover the same ground.
    void userGuideFollowsTheLanguage()
    {
        const QLocale saved;
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
        const QString english = HelpDialog::userGuideHtml();
        QVERIFY(english.contains(QLatin1String("Workflow")));
        QLocale::setDefault(QLocale(QStringLiteral("fr_FR"))); // no French page: English
        QCOMPARE(HelpDialog::userGuideHtml(), english);
        for (const char* name : {"de_DE", "de_AT", "zh_CN"}) {
            QLocale::setDefault(QLocale(QString::fromLatin1(name)));
            const QString page = HelpDialog::userGuideHtml();
            QVERIFY2(page != english, name);
            QVERIFY2(page.contains(QLatin1String("Ctrl+E")) && page.contains(QLatin1String("Ctrl+L")), name);
            for (const QString& word : clipMethodNames() + modeNames())
                QVERIFY2(page.contains(QStringLiteral("<b>%1</b>").arg(word)), qPrintable(QString::fromLatin1(name) + QLatin1Char(' ') + word));
        }
        QLocale::setDefault(saved);
    }

    void shortcutsListTheWindowsKeys()
    {
        MainWindow window;
        QAction* action = window.findChild<QAction*>(QStringLiteral("shortcutsAction"));
        QVERIFY(action);
        action->trigger();
        auto* shortcuts = window.findChild<QDialog*>(QStringLiteral("keyboardShortcuts"));
        QVERIFY(shortcuts);
        QVERIFY(shortcuts->isVisible());
        const QString text = browserText(shortcuts);
        QVERIFY(!text.isEmpty());
        for (const QKeySequence& key : {QKeySequence(QStringLiteral("Ctrl+E")), QKeySequence(QStringLiteral("Ctrl+L")), QKeySequence(QKeySequence::Open),
                                        QKeySequence(QKeySequence::Undo), QKeySequence(QKeySequence::HelpContents)})
            QVERIFY2(text.contains(key.toString(QKeySequence::NativeText)), qPrintable(key.toString()));
        QVERIFY(text.contains(QLatin1String("Evaluate")));
        QVERIFY(!text.contains(QLatin1Char('&')));
    }
};

QTEST_MAIN(TestHelpDialog)
#include "test_help_dialog.moc"
