// The workbench's session file (JSON): loadSession, then, as opening a session does once the model is loaded,
// the stored calibration statistics restored onto a small real model (tests/data/models/fmnist_resnet8.onnx,
// imported once), and every clip method's range (but entropy's) from each restored value. Seeds: sessions saved by the workbench for that model (corpus/fuzz_session).
#include "tests/fuzz/fuzz_util.h"

#include "app/gui/session/session_file.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ranges/clip_methods.h"

namespace {

const qs::Graph& model()
{
    static const qs::Graph imported = qs::importOnnxFile(qs::fuzz::sourcePath("tests/data/models/fmnist_resnet8.onnx"));
    return imported;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    (void)model();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const QString path = QString::fromStdString((qs::fuzz::scratchDir() / "fuzz.qsession").string());
    qs::fuzz::writeFile(path.toStdString(), qs::fuzz::asText(data, size));
    try {
        const qs::gui::SessionData session = qs::gui::loadSession(path);
        if (!session.statistics)
            return 0;
        const qs::Calibration calibration = qs::gui::restoreCalibration(model(), *session.statistics);
        for (const auto& entry : calibration.values)
            qs::fuzz::pickEveryRange(entry.second);
    } catch (const qs::Error&) {
    }
    return 0;
}
