#pragma once
// What the CLI tests share: running quantscope-cli (QS_CLI_PATH) as a user would and collecting its exit code
// and output.

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

} // namespace qs::testing
