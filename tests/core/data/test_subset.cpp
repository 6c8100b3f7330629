// Deterministic subsets and batching: same seed same indices, different seed different, sorted and
// unique, uniform enough, amounts parsed like Distiller's --qe-calibration.
#include "core/data/subset.h"
#include "core/util/error.h"

#include <QtTest>

#include <random>
#include <set>

using namespace qs;

class TestSubset : public QObject {
    Q_OBJECT

private slots:
    void firstN()
    {
        QCOMPARE(firstIndices(5, 3), (std::vector<int64_t>{0, 1, 2}));
        QCOMPARE(firstIndices(3, 10), (std::vector<int64_t>{0, 1, 2}));
        QCOMPARE(firstIndices(3), (std::vector<int64_t>{0, 1, 2}));
        QVERIFY(firstIndices(3, 0).empty());
    }

    void seededSubsetIsDeterministic()
    {
        const auto a = randomSubset(10000, 500, 42);
        const auto b = randomSubset(10000, 500, 42);
        const auto c = randomSubset(10000, 500, 43);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        QCOMPARE(a.size(), std::size_t(500));
        QVERIFY(std::is_sorted(a.begin(), a.end()));
        QCOMPARE(std::set<int64_t>(a.begin(), a.end()).size(), a.size());
        QVERIFY(a.front() >= 0 && a.back() < 10000);
        QCOMPARE(randomSubset(10, 20, 1), firstIndices(10));
    }

    void pinnedSequence()
    {
        // Pins the algorithm (mt19937_64 + rejection sampling + partial Fisher-Yates): a change to it
        // changes every recorded calibration set, so it must be deliberate.
        std::mt19937_64 rng(7);
        std::vector<int64_t> pool = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int64_t i = 0; i < 3; ++i) {
            const uint64_t bound = uint64_t(10 - i);
            const uint64_t threshold = (0 - bound) % bound;
            uint64_t r = rng();
            while (r < threshold)
                r = rng();
            std::swap(pool[std::size_t(i)], pool[std::size_t(i + int64_t(r % bound))]);
        }
        std::vector<int64_t> expected(pool.begin(), pool.begin() + 3);
        std::sort(expected.begin(), expected.end());
        QCOMPARE(randomSubset(10, 3, 7), expected);
        QCOMPARE(randomSubset(100, 5, 2024), (std::vector<int64_t>{1, 32, 41, 45, 74}));
    }

    void roughlyUniform()
    {
        // Every index of 20 should be picked about 5/20 of the time over 4000 seeds.
        std::vector<int> hits(20);
        for (uint64_t seed = 0; seed < 4000; ++seed)
            for (int64_t i : randomSubset(20, 5, seed))
                ++hits[std::size_t(i)];
        for (int h : hits)
            QVERIFY2(h > 850 && h < 1150, qPrintable(QString::number(h)));
    }

    void fractions()
    {
        QCOMPARE(randomFraction(10000, 0.05, 1).size(), std::size_t(500));
        QCOMPARE(randomFraction(10, 0.01, 1).size(), std::size_t(1));
        QCOMPARE(randomFraction(10, 1.0, 1), firstIndices(10));
        QVERIFY_THROWS_EXCEPTION(Error, randomFraction(10, 0.0, 1));
        QVERIFY_THROWS_EXCEPTION(Error, randomFraction(10, 1.5, 1));

        auto amount = parseSampleAmount("0.05");
        QVERIFY(amount.isFraction);
        QCOMPARE(amount.fraction, 0.05);
        amount = parseSampleAmount("5%");
        QVERIFY(amount.isFraction);
        QCOMPARE(amount.fraction, 0.05);
        amount = parseSampleAmount("500");
        QVERIFY(!amount.isFraction);
        QCOMPARE(amount.count, int64_t(500));
        QCOMPARE(randomSubset(10000, parseSampleAmount("0.05"), 3), randomSubset(10000, 500, 3));
        for (const char* bad : {"", "abc", "-3", "0", "1.5", "0%", "12x"})
            QVERIFY_THROWS_EXCEPTION(Error, parseSampleAmount(bad));
    }

    void batches()
    {
        const auto indices = firstIndices(10);
        Batches batches(indices, 4);
        QCOMPARE(batches.count(), int64_t(3));
        QCOMPARE(batches[2].size(), std::size_t(2));
        QCOMPARE(batches[2][1], int64_t(9));
        std::vector<int64_t> joined;
        int count = 0;
        for (auto batch : batches) {
            joined.insert(joined.end(), batch.begin(), batch.end());
            ++count;
        }
        QCOMPARE(count, 3);
        QCOMPARE(joined, indices);
        QCOMPARE(Batches(std::span<const int64_t>(), 4).count(), int64_t(0));
        QVERIFY_THROWS_EXCEPTION(Error, Batches(indices, 0));
        QVERIFY_THROWS_EXCEPTION(Error, batches[3]);
    }
};

QTEST_APPLESS_MAIN(TestSubset)
#include "test_subset.moc"
