// Preprocessor: geometry (torchvision Resize(N) size rule, floor-centred crop), channel conversion,
// layouts and the normalisation numbers, checked value by value on synthetic images.
#include "core/data/preprocessor.h"
#include "core/util/error.h"

#include <QtTest>

#include <opencv2/imgproc.hpp>

using namespace qs;

namespace {

// 3-channel image whose pixel (y, x) holds (y*16 + x, 100 + y, 200 + x) in channels (0, 1, 2).
cv::Mat patterned(int rows, int cols)
{
    cv::Mat image(rows, cols, CV_8UC3);
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x)
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(uint8_t(y * 16 + x), uint8_t(100 + y), uint8_t(200 + x));
    return image;
}

} // namespace

class TestPreprocessor : public QObject {
    Q_OBJECT

private slots:
    void cropIsFloorCentredAndChannelsReordered()
    {
        // Source is BGR (as OpenCV decodes); 7x10 cropped to 2x4: top = (7-2)/2 = 2, left = (10-4)/2 = 3.
        const cv::Mat image = patterned(7, 10);
        Preprocessor rgb(parsePreprocessSpec("crop=2x4,channels=rgb,layout=nchw"), ChannelOrder::Bgr);
        QVERIFY(rgb.outputShape() == (SampleShape{3, 2, 4, Layout::Nchw}));
        std::vector<float> out(24);
        rgb.apply(image, out.data());
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 4; ++x) {
                const int sy = y + 2, sx = x + 3;
                QCOMPARE(out[0 * 8 + y * 4 + x], float(200 + sx));      // R = source channel 2
                QCOMPARE(out[1 * 8 + y * 4 + x], float(100 + sy));      // G
                QCOMPARE(out[2 * 8 + y * 4 + x], float(sy * 16 + sx)); // B = source channel 0
            }

        Preprocessor bgr(parsePreprocessSpec("crop=2x4,channels=bgr,layout=nhwc"), ChannelOrder::Bgr);
        QVERIFY(bgr.outputShape() == (SampleShape{3, 2, 4, Layout::Nhwc}));
        QCOMPARE(bgr.outputShape().dims(), (std::vector<int64_t>{2, 4, 3}));
        bgr.apply(image, out.data());
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 4; ++x) {
                const int sy = y + 2, sx = x + 3;
                QCOMPARE(out[(y * 4 + x) * 3 + 0], float(sy * 16 + sx));
                QCOMPARE(out[(y * 4 + x) * 3 + 1], float(100 + sy));
                QCOMPARE(out[(y * 4 + x) * 3 + 2], float(200 + sx));
            }
    }

    // Four-channel inputs (channels=rgba|bgra): the colour channels in their order, then an opaque alpha that is
    // normalised like the others (255 * 1/255 = 1), in both layouts; gray sources are expanded first.
    void fourChannelsAddOpaqueAlpha()
    {
        const cv::Mat image = patterned(2, 3);
        Preprocessor rgba(parsePreprocessSpec("channels=rgba,scale=1/255"), ChannelOrder::Bgr, 2, 3);
        QVERIFY(rgba.outputShape() == (SampleShape{4, 2, 3, Layout::Nchw}));
        std::vector<float> out(24);
        rgba.apply(image, out.data());
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 3; ++x) {
                QCOMPARE(out[0 * 6 + y * 3 + x], float(200 + x) / 255.0f); // R = source channel 2
                QCOMPARE(out[2 * 6 + y * 3 + x], float(y * 16 + x) / 255.0f);
                QCOMPARE(out[3 * 6 + y * 3 + x], 1.0f);
            }
        Preprocessor bgra(parsePreprocessSpec("channels=bgra,layout=nhwc,mean=1"), ChannelOrder::Bgr, 2, 3);
        bgra.apply(image, out.data());
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(out[static_cast<std::size_t>(i * 4 + 0)], float((i / 3) * 16 + i % 3) - 1.0f); // B first
            QCOMPARE(out[static_cast<std::size_t>(i * 4 + 3)], 254.0f);
        }
        cv::Mat gray(2, 3, CV_8UC1, cv::Scalar(7));
        Preprocessor fromGray(parsePreprocessSpec("channels=rgba"), ChannelOrder::Gray, 2, 3);
        fromGray.apply(gray, out.data());
        QCOMPARE(out[0], 7.0f);
        QCOMPARE(out[2 * 6], 7.0f);
        QCOMPARE(out[3 * 6 + 5], 255.0f);
        QCOMPARE(toString(parsePreprocessSpec("channels=BGRA").channels.value()), std::string("bgra"));
        QVERIFY_THROWS_EXCEPTION(Error, parsePreprocessSpec("channels=argb"));
    }

    void normalisationPerChannel()
    {
        cv::Mat image(3, 3, CV_8UC3, cv::Scalar(30, 20, 10)); // BGR: R=10, G=20, B=30
        Preprocessor p(parsePreprocessSpec("channels=rgb,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225"),
                       ChannelOrder::Bgr, 3, 3);
        std::vector<float> out(27);
        p.apply(image, out.data());
        const double rgb[3] = {10, 20, 30}, mean[3] = {0.485, 0.456, 0.406}, stdev[3] = {0.229, 0.224, 0.225};
        for (int c = 0; c < 3; ++c)
            for (int i = 0; i < 9; ++i)
                QCOMPARE(out[c * 9 + i], float((rgb[c] / 255.0 - mean[c]) / stdev[c]));
    }

    void resizeShorterSideThenCrop()
    {
        // 40x60 resized with Resize(20) -> 20x30 (torchvision: long side int(20*60/40)), crop 20 -> left 5.
        cv::Mat image(40, 60, CV_8UC1);
        cv::randu(image, 0, 256);
        Preprocessor p(parsePreprocessSpec("resize=20,crop=20,scale=2"), ChannelOrder::Gray);
        QVERIFY(p.outputShape() == (SampleShape{1, 20, 20, Layout::Nchw}));
        std::vector<float> out(400);
        p.apply(image, out.data());
        cv::Mat expected;
        cv::resize(image, expected, cv::Size(30, 20), 0, 0, cv::INTER_LINEAR);
        for (int y = 0; y < 20; ++y)
            for (int x = 0; x < 20; ++x)
                QCOMPARE(out[y * 20 + x], 2.0f * expected.at<uint8_t>(y, x + 5));

        // Without a crop the output shape follows the known source size; a portrait image swaps roles.
        Preprocessor portrait(parsePreprocessSpec("resize=10"), ChannelOrder::Gray, 60, 45);
        QVERIFY(portrait.outputShape() == (SampleShape{1, 13, 10, Layout::Nchw}));
    }

    void solidColourSurvivesResizeExactly()
    {
        cv::Mat image(50, 70, CV_8UC3, cv::Scalar(0, 128, 255));
        Preprocessor p(parsePreprocessSpec("resize=32x32,channels=rgb,scale=1/255,mean=0.5,std=0.25"), ChannelOrder::Bgr);
        std::vector<float> out(3 * 32 * 32);
        p.apply(image, out.data());
        const float r = float((255 / 255.0 - 0.5) / 0.25), g = float((128 / 255.0 - 0.5) / 0.25),
                    b = float((0 / 255.0 - 0.5) / 0.25);
        for (int i = 0; i < 1024; ++i) {
            QCOMPARE(out[i], r);
            QCOMPARE(out[1024 + i], g);
            QCOMPARE(out[2048 + i], b);
        }
    }

    void grayConversionUsesLuma()
    {
        cv::Mat image(2, 2, CV_8UC3, cv::Scalar(0, 0, 255)); // pure red in BGR
        Preprocessor p(parsePreprocessSpec("channels=gray"), ChannelOrder::Bgr, 2, 2);
        QCOMPARE(p.outputShape().channels, int64_t(1));
        QVERIFY(!p.isPointwise());
        std::vector<float> out(4);
        p.apply(image, out.data());
        QCOMPARE(out[0], 76.0f); // round(0.299 * 255)

        Preprocessor same(PreprocessSpec::fashionMnist(), ChannelOrder::Gray, 28, 28);
        QVERIFY(same.isPointwise());
        Preprocessor roundTrip(parsePreprocessSpec("resize=56,crop=28"), ChannelOrder::Gray, 28, 28);
        QVERIFY(!roundTrip.isPointwise());
    }

    void errors()
    {
        QVERIFY_THROWS_EXCEPTION(Error, Preprocessor(parsePreprocessSpec("resize=256"), ChannelOrder::Bgr));
        QVERIFY_THROWS_EXCEPTION(Error, Preprocessor(parsePreprocessSpec("channels=gray,mean=0.1:0.2:0.3"), ChannelOrder::Bgr, 4, 4));
        Preprocessor p(parsePreprocessSpec("crop=8"), ChannelOrder::Bgr);
        cv::Mat small(4, 4, CV_8UC3, cv::Scalar::all(0));
        std::vector<float> out(3 * 64);
        try {
            p.apply(small, out.data());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("smaller than crop 8x8") != std::string::npos, e.what());
        }
        cv::Mat wrongDepth(8, 8, CV_16UC3);
        QVERIFY_THROWS_EXCEPTION(Error, p.apply(wrongDepth, out.data()));
    }
};

QTEST_APPLESS_MAIN(TestPreprocessor)
#include "test_preprocessor.moc"
