#pragma once
// `quantscope --screenshot-fidelity DIR MODEL --data KIND:PATH [--preprocess SPEC] [--input-shape SHAPE]`: the
// workbench on a real model with unlabelled data, as a user would drive it: opens the model (giving the input
// shape where it asks for one), chooses the data, calibrates, selects a layer (its histogram), evaluates the
// default int8 config (fidelity to FP32, with the FP32 reference), edits the table twice (6-bit weights; then the
// first layer FP32 and 4-bit weights with MSE ranges) and evaluates each, then writes DIR/real_model_fidelity.png
// with the runs table beside the SQNR-vs-size plot, and quits. Used to look at what we build (docs/screenshots).

#include "app/gui/session/dataset_selection.h"

#include <QObject>
#include <QString>

namespace qs::gui {

class MainWindow;

class FidelityScreenshotRunner : public QObject {
    Q_OBJECT
public:
    FidelityScreenshotRunner(MainWindow* window, QString directory, QString modelPath, DatasetSelection data);
    void start();

signals:
    void done(int exitCode);

private:
    void onLoaded();
    void onEvaluated();
    void finish();

    MainWindow* m_window;
    QString m_directory;
    QString m_modelPath;
    DatasetSelection m_data;
    int m_evaluations = 0;
    bool m_started = false;
};

} // namespace qs::gui
