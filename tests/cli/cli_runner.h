#pragma once
// What the CLI tests share: running quantscope-cli (QS_CLI_PATH) as a user would and collecting its exit code
// and output, and reading its --json output.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace qs::testing {

struct CliResult {
    int code = -1;
    QString out, err;
};

inline CliResult runCli(const QStringList& args)
{
    QProcess p;
    p.start(QS_CLI_PATH, args);
    p.waitForFinished(300000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

// The --json object a run printed; an empty object (and a warning with all it printed) when it is not JSON.
inline QJsonObject parsed(const CliResult& r)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), qPrintable(r.out + r.err));
    return doc.object();
}

} // namespace qs::testing
