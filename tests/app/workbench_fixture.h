#pragma once
// What the workbench tests share: the reference model they open, a small dataset selection (256 calibration
// images, 1000 evaluation images) so jobs stay quick, and waiting for the load / calibration jobs through the
// workbench's signals (never busy-waiting).

#include "app/gui/main_window.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/workbench.h"

#include <QSignalSpy>
#include <QTest>
#include <QString>


namespace qs::gui::testing {

inline const QString kModel = QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_cnn_bn.onnx");
inline constexpr int kJobTimeoutMs = 120'000;

inline DatasetSelection subsetSelection()
{
    DatasetSelection s;
    s.evalLimit = 1000;
    s.calibrationSamples = 256;
    return s;
}

// Opens the model and waits for the load job.
inline bool loadModel(MainWindow& window, const QString& path = kModel)
{
    QSignalSpy loaded(window.workbench(), &Workbench::modelLoaded);
    window.openModel(path);
    return loaded.wait(kJobTimeoutMs);
}

// Shows the window at the default layout's size (docks laid out as a user sees them), without the save prompt.
inline bool showAtDefaultSize(MainWindow& window)
{
    window.setAskToSave(false);
    window.resize(1600, 1000);
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

// Opens a saved session in `window` as the user's File › Open Session does, and waits until it is applied.
inline bool openSessionIn(MainWindow& window, const QString& path)
{
    QSignalSpy opened(window.workbench(), &Workbench::sessionOpened);
    window.openSession(path);
    return opened.wait(kJobTimeoutMs);
}

// Opens kModel, selects subsetSelection() and waits for the calibration.
inline bool loadAndCalibrate(MainWindow& window)
{
    if (!loadModel(window))
        return false;
    window.workbench()->setDataset(subsetSelection());
    QSignalSpy calibrated(window.workbench(), &Workbench::calibrationFinished);
    window.workbench()->calibrate();
    return calibrated.wait(kJobTimeoutMs);
}

} // namespace qs::gui::testing
