// The folder each kind of file dialog opens in (app/gui/file_dialog_folders.h): the last folder used for that
// kind, remembered in QSettings (isolated here by QStandardPaths' test mode and a test organisation), else the
// caller's fallback; kinds do not share folders, and a remembered folder that is gone is skipped.
#include "app/gui/file_dialog_folders.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace qs::gui;

class TestFileDialogFolders : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_file_dialog_folders"));
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void remembersTheLastFolderPerKind()
    {
        QTemporaryDir models, configs, fallback;
        QVERIFY(models.isValid() && configs.isValid() && fallback.isValid());
        const QList<FileKind> kinds{FileKind::Model, FileKind::Data, FileKind::Config, FileKind::Session, FileKind::Export};
        // Nothing remembered yet: the caller's fallback, or an existing folder without one.
        for (FileKind kind : kinds) {
            QCOMPARE(startFolder(kind, fallback.path()), fallback.path());
            QVERIFY(QFileInfo(startFolder(kind)).isDir());
        }

        rememberFolder(FileKind::Model, models.filePath(QStringLiteral("net.onnx"))); // a file: its folder
        rememberFolder(FileKind::Config, configs.filePath(QStringLiteral("ptq.yaml")));
        rememberFolder(FileKind::Data, configs.path()); // a folder (the dataset directory): itself
        QCOMPARE(startFolder(FileKind::Model, fallback.path()), models.path());
        QCOMPARE(startFolder(FileKind::Config, fallback.path()), configs.path());
        QCOMPARE(startFolder(FileKind::Data, fallback.path()), configs.path());
        QCOMPARE(startFolder(FileKind::Session, fallback.path()), fallback.path());
        QCOMPARE(startFolder(FileKind::Export, fallback.path()), fallback.path());
        QCOMPARE(startPath(FileKind::Config, QStringLiteral("quantization.yaml")), QDir(configs.path()).filePath(QStringLiteral("quantization.yaml")));
        QCOMPARE(startPath(FileKind::Export, QStringLiteral("runs.csv"), fallback.path()), QDir(fallback.path()).filePath(QStringLiteral("runs.csv")));

        // In QSettings, so the next start (a new QSettings) opens there too; the last choice wins.
        QCOMPARE(QSettings().value(folderSettingsKey(FileKind::Model)).toString(), models.path());
        rememberFolder(FileKind::Model, configs.filePath(QStringLiteral("other.onnx")));
        QCOMPARE(startFolder(FileKind::Model, fallback.path()), configs.path());
        rememberFolder(FileKind::Model, {}); // a cancelled dialog changes nothing
        QCOMPARE(startFolder(FileKind::Model, fallback.path()), configs.path());

        // A remembered folder that has been removed is skipped.
        QString gone;
        {
            QTemporaryDir removed;
            gone = removed.path();
            rememberFolder(FileKind::Session, removed.filePath(QStringLiteral("s.qsession")));
            QCOMPARE(startFolder(FileKind::Session, fallback.path()), gone);
        }
        QVERIFY(!QFileInfo::exists(gone));
        QCOMPARE(startFolder(FileKind::Session, fallback.path()), fallback.path());
    }
};

QTEST_MAIN(TestFileDialogFolders)
#include "test_file_dialog_folders.moc"
