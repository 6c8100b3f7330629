// The translations are complete and current: every .ts in translations/ has a finished, non-empty translation
// for every message (no unfinished, vanished or obsolete entries), with the same %1/%n placeholders as its
// source; and the messages are exactly the tr() texts lupdate finds now in what the window shows (app/gui,
// widgets/plots, widgets/tables, widgets/graph, as app/gui/CMakeLists.txt's qt_add_lupdate scans), so a new tr()
// string without a translation, or a translation of a string that is gone, fails here.
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

namespace {

struct Message {
    QString context, source, comment;
    bool numerus = false;
    QString type; // of <translation>: empty when finished
    QStringList translations;
};

QList<Message> readTs(const QString& path, QString* language)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            if (xml.isEndElement() && xml.name() == QLatin1String("message"))
                messages.append(current);
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = Message();
            current.context = context;
            current.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            current.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!current.numerus)
                current.translations << xml.readElementText();
        } else if (name == QLatin1String("numerusform")) {
            current.translations << xml.readElementText();
        }
    }
    if (xml.hasError())
        qWarning("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return messages;
}

QSet<QString> placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(0));
    return found;
}

QString key(const Message& m) { return m.context + QLatin1Char('\x1f') + m.source + QLatin1Char('\x1f') + m.comment; }

const QString kSourceDir = QStringLiteral(QS_SOURCE_DIR);

QStringList tsFiles()
{
    QStringList files;
    for (const QString& name : QDir(kSourceDir + QStringLiteral("/translations")).entryList({QStringLiteral("*.ts")}, QDir::Files))
        files << kSourceDir + QStringLiteral("/translations/") + name;
    return files;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void tsFilesExist()
    {
        const QStringList files = tsFiles();
        QVERIFY(files.contains(kSourceDir + QStringLiteral("/translations/quantscope_de.ts")));
        QVERIFY(files.contains(kSourceDir + QStringLiteral("/translations/quantscope_zh_CN.ts")));
    }

    void everyMessageIsTranslated_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& path : tsFiles())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }

    void everyMessageIsTranslated()
    {
        QFETCH(QString, path);
        QString language;
        const QList<Message> messages = readTs(path, &language);
        QVERIFY2(!messages.isEmpty(), qPrintable(path));
        QVERIFY2(QFileInfo(path).baseName().endsWith(QLatin1Char('_') + language), qPrintable(language));
        QStringList problems;
        for (const Message& m : messages) {
            const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
            if (!m.type.isEmpty()) {
                problems << m.type + QStringLiteral(" - ") + where;
                continue;
            }
            if (m.translations.isEmpty() || std::any_of(m.translations.begin(), m.translations.end(), [](const QString& t) { return t.isEmpty(); })) {
                problems << QStringLiteral("empty - ") + where;
                continue;
            }
            for (const QString& t : m.translations) {
                // A numerus form may leave %n out (e.g. a singular "one layer"), nothing else.
                QSet<QString> expected = placeholders(m.source), got = placeholders(t);
                if (m.numerus) {
                    expected.remove(QStringLiteral("%n"));
                    got.remove(QStringLiteral("%n"));
                }
                if (expected != got)
                    problems << QStringLiteral("placeholders differ - ") + where + QStringLiteral(" -> \"") + t + QLatin1Char('"');
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void messagesMatchTheSources()
    {
        const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
        // Installed by scripts/install-deps.sh (qt6-l10n-tools): without it this check would silently pass.
        QVERIFY2(QFileInfo(lupdate).isExecutable(), "Qt 6 lupdate is missing: run scripts/install-deps.sh (qt6-l10n-tools)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(lupdate, {QStringLiteral("-I"), kSourceDir, kSourceDir + QStringLiteral("/app/gui"), kSourceDir + QStringLiteral("/widgets/plots"),
                                kSourceDir + QStringLiteral("/widgets/tables"), kSourceDir + QStringLiteral("/widgets/graph"), QStringLiteral("-ts"),
                                fresh, QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none")});
        QVERIFY(process.waitForFinished(120'000));
        QVERIFY2(process.exitCode() == 0, process.readAll().constData());
        QString language;
        QSet<QString> current;
        for (const Message& m : readTs(fresh, &language))
            current.insert(key(m));
        QVERIFY(current.size() > 100);
        for (const QString& path : tsFiles()) {
            QSet<QString> committed;
            for (const Message& m : readTs(path, &language))
                committed.insert(key(m));
            QStringList problems;
            for (const QString& k : current - committed)
                problems << QStringLiteral("missing (run the qs_gui_lupdate target and translate): ") + QString(k).replace(QLatin1Char('\x1f'), QLatin1String(" | "));
            for (const QString& k : committed - current)
                problems << QStringLiteral("no longer in the sources: ") + QString(k).replace(QLatin1Char('\x1f'), QLatin1String(" | "));
            QVERIFY2(problems.isEmpty(), qPrintable(QFileInfo(path).fileName() + QStringLiteral(":\n") + problems.join(QLatin1Char('\n'))));
        }
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
