// quantscope: the workbench GUI.
#include "app/gui/app_paths.h"
#include "app/gui/benchmark_runner.h"
#include "app/gui/fidelity_screenshot_runner.h"
#include "app/gui/main_window.h"
#include "app/gui/screenshot_runner.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("QuantScope"));
    QApplication::setOrganizationName(QStringLiteral("QuantScope"));
    QApplication::setApplicationVersion(qs::gui::appVersion());
    QApplication::setDesktopFileName(QStringLiteral("io.github.quantscope.QuantScope"));

    // Translations are compiled into the binary; English is the source language.
    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (appTranslator.load(QLocale(), QStringLiteral("quantscope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Post-training quantization workbench for ONNX CNNs"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Load the demo model, evaluate, save main_*.png screenshots into DIR and quit."),
                                        QStringLiteral("DIR"));
    parser.addOption(screenshot);
    const QCommandLineOption fidelityShot(QStringLiteral("screenshot-fidelity"),
                                          QApplication::translate("main", "Open the model with --data, calibrate, evaluate three configs by fidelity to FP32, "
                                                                          "save DIR/real_model_fidelity.png and quit."),
                                          QStringLiteral("DIR"));
    parser.addOption(fidelityShot);
    const QCommandLineOption data(QStringLiteral("data"), QApplication::translate("main", "With --screenshot-fidelity: the data, KIND:PATH."),
                                  QStringLiteral("KIND:PATH"));
    parser.addOption(data);
    const QCommandLineOption preprocess(QStringLiteral("preprocess"), QApplication::translate("main", "With --screenshot-fidelity: the preprocessing."),
                                        QStringLiteral("SPEC"));
    parser.addOption(preprocess);
    const QCommandLineOption inputShape(QStringLiteral("input-shape"),
                                        QApplication::translate("main", "With --screenshot-fidelity: the shape of the model's dynamic inputs."),
                                        QStringLiteral("SHAPE"));
    parser.addOption(inputShape);
    const QCommandLineOption benchmark(QStringLiteral("benchmark"),
                                       QApplication::translate("main", "Time startup with the demo model and a re-evaluation after editing one layer, print both and quit."));
    parser.addOption(benchmark);
    const QCommandLineOption json(QStringLiteral("json"), QApplication::translate("main", "With --benchmark: print one JSON line."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("file"), QApplication::translate("main", "An ONNX model or a .qsession file to open."), QStringLiteral("[file]"));
    parser.process(app);

    qs::gui::MainWindow window;
    const QStringList files = parser.positionalArguments();
    const QString demo = qs::gui::demoModelPath();
    if (parser.isSet(screenshot)) {
        window.setAskToSave(false);
        window.resize(1600, 1000);
        window.show();
        auto* runner = new qs::gui::ScreenshotRunner(&window, parser.value(screenshot), files.isEmpty() ? demo : files.first());
        QObject::connect(runner, &qs::gui::ScreenshotRunner::done, &app, [](int code) { QApplication::exit(code); });
        QTimer::singleShot(0, runner, &qs::gui::ScreenshotRunner::start);
        return QApplication::exec();
    }
    if (parser.isSet(fidelityShot) && !files.isEmpty()) {
        window.setAskToSave(false);
        window.resize(1600, 1000);
        window.show();
        qs::gui::DatasetSelection selection;
        const QString spec = parser.value(data);
        selection.kind = spec.section(QLatin1Char(':'), 0, 0);
        selection.path = spec.section(QLatin1Char(':'), 1);
        selection.preprocess = parser.value(preprocess);
        selection.inputShape = parser.value(inputShape);
        auto* runner = new qs::gui::FidelityScreenshotRunner(&window, parser.value(fidelityShot), files.first(), selection);
        QObject::connect(runner, &qs::gui::FidelityScreenshotRunner::done, &app, [](int code) { QApplication::exit(code); });
        QTimer::singleShot(0, runner, &qs::gui::FidelityScreenshotRunner::start);
        return QApplication::exec();
    }
    if (parser.isSet(benchmark)) {
        window.setAskToSave(false);
        window.show();
        auto* runner = new qs::gui::BenchmarkRunner(&window, files.isEmpty() ? demo : files.first(), parser.isSet(json));
        QObject::connect(runner, &qs::gui::BenchmarkRunner::done, &app, [](int code) { QApplication::exit(code); });
        QTimer::singleShot(0, runner, &qs::gui::BenchmarkRunner::start);
        return QApplication::exec();
    }
    window.show();
    if (!files.isEmpty()) {
        if (files.first().endsWith(QLatin1String(".qsession")))
            window.openSession(files.first());
        else
            window.openModel(files.first());
    } else if (!demo.isEmpty()) {
        window.openModel(demo);
    }
    return QApplication::exec();
}
