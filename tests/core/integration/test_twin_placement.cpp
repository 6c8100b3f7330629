// The fake-quant twin (core/engine/reference_plan.cpp) restates where the oneDNN int8 plan keeps integers: it
// rounds a value where it is made only if the engine holds that value as integers, and rounds a float-made value
// only for the int8 layers that read it. Both plans make that decision on their own, so this checks that they
// agree on real models (tests/data/realmodels, one photo of tests/data/photos to calibrate): every value both
// plans can observe is held as integers by both or by neither, on the same grid. A rule added to the engine's
// lowerings and not to the twin (or the other way round) fails here, naming the value.
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/data/preprocess_spec.h"
#include "core/engine/engine.h"
#include "core/engine/prepared_model.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/ptq_config.h"

#include <QtTest>

#include <set>

using namespace qs;

namespace {

const std::string kModels = QS_TEST_DATA_DIR "/realmodels/";
const std::string kPhotos = "images:" QS_TEST_DATA_DIR "/photos";

std::string describe(const ActivationQuant& q)
{
    return "scale " + std::to_string(q.scale) + " zero point " + std::to_string(q.zeroPoint) + (q.isSigned ? " s" : " u") +
           std::to_string(q.bits);
}

} // namespace

class TestTwinPlacement : public QObject {
    Q_OBJECT

private slots:
    void twinHoldsIntegersWhereTheEngineDoes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("preprocess");
        // Chosen for their structures: channel shuffles (Concat, Reshape, Transpose, Split) and integer heads
        // (NanoDet); residual Adds and HardSwish (PP-OCR cls); MatMuls as Gemms, LayerNorm and attention (PP-OCRv4
        // rec); an LSTM's input projection (en_number); NHWC Transposes and Upsample (DeepLabV3); dynamic dims and
        // ConvTranspose-free decoder with Resize (PP-HumanSeg).
        QTest::newRow("NanoDet-m") << "nanodet_m_320.onnx" << "resize=320x320,channels=bgr,mean=103.53:116.28:123.675,std=57.375:57.12:58.395";
        QTest::newRow("PP-OCR cls") << "ch_ppocr_mobile_v2.0_cls_infer.onnx" << "channels=bgr,scale=1/127.5,mean=1,input_shape=1x3x48x192";
        QTest::newRow("PP-OCRv4 rec") << "ch_PP-OCRv4_rec_infer.onnx" << "channels=bgr,scale=1/127.5,mean=1,input_shape=1x3x48x320";
        QTest::newRow("en_number") << "en_number_mobile_v2.0_rec_infer.onnx" << "channels=bgr,scale=1/127.5,mean=1,input_shape=1x3x32x320";
        QTest::newRow("DeepLabV3") << "deeplab_v3_1_default_1.onnx" << "resize=257x257,layout=nhwc,channels=rgb,scale=1/127.5,mean=1";
        QTest::newRow("YuNet-n") << "yunet_n_dynamic.onnx" << "channels=bgr,input_shape=1x3x320x320";
        QTest::newRow("YOLOX-nano") << "yolox_nano_handsign_with_post.onnx" << "resize=416x416,channels=bgr";
        QTest::newRow("slim-320") << "version-slim-320_without_postprocessing.onnx" << "resize=240x320,channels=rgb,mean=127,std=128";
        QTest::newRow("PP-OCRv4 det") << "ch_PP-OCRv4_det_infer.onnx" << "channels=bgr,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225,input_shape=1x3x320x320";
        QTest::newRow("road-seg") << "road_segmentation_adas_0001.onnx" << "resize=512x896,layout=nhwc,channels=bgr";
        QTest::newRow("PP-HumanSeg") << "pphumanseg_lite_portrait_398x224.onnx" << "channels=rgb,scale=1/127.5,mean=1,input_shape=1x3x224x398";
    }

    void twinHoldsIntegersWhereTheEngineDoes()
    {
        QFETCH(QString, file);
        QFETCH(QString, preprocess);
        const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(kModels + file.toStdString())));
        const auto photos = openDataset(kPhotos, Split::Test, sizedToInputShape(parsePreprocessSpec(preprocess.toStdString())));
        const Calibration calibration = calibrate(model, *photos, {0}, 1);
        const auto prepared = std::make_shared<const Graph>(calibration.prepared);
        int compared = 0, integers = 0;
        for (const QuantMode mode : {QuantMode::Symmetric, QuantMode::AsymmetricUnsigned}) {
            PtqConfig config;
            config.defaults.quant.perChannel = true;
            config.defaults.quant.modeActivations = mode;
            config.defaults.quant.modeWeights = mode;
            EngineOptions options;
            options.quantization = buildPlan(calibration, config);
            options.threads = 1;
            const auto engine = CompiledModel::compilePrepared(prepared, options);
            options.useDnnl = false;
            const auto twin = CompiledModel::compilePrepared(prepared, options);

            const std::set<std::string> engineMade = engine->valuesMadeAsIntegers(), twinMade = twin->valuesMadeAsIntegers();
            const std::map<std::string, ActivationQuant> engineGrid = engine->integerQuantization(), twinGrid = twin->integerQuantization();
            const std::vector<std::string> engineSees = engine->observableValues(), twinSees = twin->observableValues();
            const std::set<std::string> both(twinSees.begin(), twinSees.end());
            QStringList disagreements;
            for (const std::string& value : engineSees) {
                if (!both.count(value))
                    continue;
                ++compared;
                const bool e = engineMade.count(value) != 0, t = twinMade.count(value) != 0;
                if (e != t)
                    disagreements << QString::fromStdString(value + (e ? ": engine integers, twin float" : ": engine float, twin integers"));
                else if (e && !(engineGrid.at(value) == twinGrid.at(value)))
                    disagreements << QString::fromStdString(value + ": engine " + describe(engineGrid.at(value)) + ", twin " + describe(twinGrid.at(value)));
                else if (e)
                    ++integers;
            }
            QVERIFY2(disagreements.isEmpty(), qPrintable(QString("mode %1, %2 of %3 values differ: %4")
                                                             .arg(static_cast<int>(mode))
                                                             .arg(disagreements.size())
                                                             .arg(compared)
                                                             .arg(disagreements.mid(0, 8).join("; "))));
        }
        // The check compared something (PP-OCRv4 rec, with LayerNorms and attention in FP32, has the fewest).
        QVERIFY2(integers >= 20, qPrintable(QString("%1 integer values of %2 compared").arg(integers).arg(compared)));
        qInfo("%s: %d values compared over two modes, %d held as integers by both", qPrintable(file), compared, integers);
    }
};

QTEST_APPLESS_MAIN(TestTwinPlacement)
#include "test_twin_placement.moc"
