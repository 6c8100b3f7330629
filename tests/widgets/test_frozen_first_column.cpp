// FrozenFirstColumn on a QTableView too narrow for its 20 columns: hidden until the table scrolls sideways, then
// the names' column over the left edge (column 0 only, as wide as the table's), a click on a name selects its
// row in the table, vertical scrolling moves both, and widening column 0 widens the overlay.
#include "widgets/tables/frozen_first_column.h"

#include <QHeaderView>
#include <QStringList>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace qs::widgets;

class TestFrozenFirstColumn : public QObject {
    Q_OBJECT

private slots:
    void namesStayWhileTheTableScrolls()
    {
        QStandardItemModel model(200, 20);
        for (int row = 0; row < model.rowCount(); ++row)
            for (int column = 0; column < model.columnCount(); ++column)
                model.setItem(row, column, new QStandardItem(column == 0 ? QStringLiteral("layer %1").arg(row) : QString::number(row * column)));
        QTableView table;
        table.setObjectName(QStringLiteral("layers"));
        table.setModel(&model);
        table.setSelectionBehavior(QAbstractItemView::SelectRows);
        table.resize(400, 300);
        for (int column = 0; column < model.columnCount(); ++column)
            table.setColumnWidth(column, 90);
        auto* frozen = new FrozenFirstColumn(&table);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QTableView* overlay = frozen->overlay();
        QCOMPARE(overlay->objectName(), QStringLiteral("layersFrozen"));
        QCOMPARE(overlay->parent(), &table);
        QVERIFY(!overlay->isVisible()); // column 0 is where it belongs

        table.horizontalScrollBar()->setValue(table.horizontalScrollBar()->maximum());
        QTRY_VERIFY(overlay->isVisible());
        QVERIFY(table.columnViewportPosition(0) < 0); // the table's own names are scrolled away
        QCOMPARE(overlay->columnWidth(0), 90);
        QVERIFY(overlay->width() >= 90 && overlay->width() <= 92);
        QVERIFY(overlay->x() <= table.frameWidth() && overlay->y() <= table.frameWidth());
        QVERIFY(overlay->height() >= table.viewport()->height());
        for (int column = 1; column < model.columnCount(); ++column)
            QVERIFY(overlay->isColumnHidden(column));
        QVERIFY(!overlay->isColumnHidden(0));

        // A click on a name selects the row in the table (one selection model).
        QCOMPARE(overlay->selectionModel(), table.selectionModel());
        const QRect name = overlay->visualRect(model.index(3, 0));
        QTest::mouseClick(overlay->viewport(), Qt::LeftButton, {}, name.center());
        QCOMPARE(table.selectionModel()->selectedRows().size(), 1);
        QCOMPARE(table.selectionModel()->selectedRows().at(0).row(), 3);

        // Vertical scrolling, from either side, moves both.
        table.verticalScrollBar()->setValue(50);
        QCOMPARE(overlay->verticalScrollBar()->value(), 50);
        QCOMPARE(overlay->rowAt(0), table.rowAt(0));
        overlay->verticalScrollBar()->setValue(120);
        QCOMPARE(table.verticalScrollBar()->value(), 120);

        table.setColumnWidth(0, 150);
        table.horizontalScrollBar()->setValue(table.horizontalScrollBar()->maximum());
        QTRY_VERIFY(overlay->isVisible());
        QCOMPARE(overlay->columnWidth(0), 150);
        QVERIFY(overlay->width() >= 150);

        table.horizontalScrollBar()->setValue(0);
        QTRY_VERIFY(!overlay->isVisible());
    }

    // Attaching leaves a sortable table's order alone (node order stays node order); a click on the overlay's
    // header sorts the table by names, a second click reverses it, and a sort by another column shows on neither
    // name header.
    void sortingGoesThroughTheTable()
    {
        QStandardItemModel model(3, 8);
        const QStringList names{"conv_b", "conv_c", "conv_a"};
        for (int row = 0; row < 3; ++row) {
            model.setItem(row, 0, new QStandardItem(names[row]));
            for (int column = 1; column < 8; ++column)
                model.setItem(row, column, new QStandardItem(QString::number(10 * (3 - row) + column)));
        }
        QSortFilterProxyModel proxy; // as the layer table: sort column -1 is the source's (node) order
        proxy.setSourceModel(&model);
        QTableView table;
        table.setModel(&proxy);
        table.setSortingEnabled(true);
        table.sortByColumn(-1, Qt::AscendingOrder);
        table.resize(200, 200);
        for (int column = 0; column < 8; ++column)
            table.setColumnWidth(column, 80);
        auto* frozen = new FrozenFirstColumn(&table);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        auto namesInOrder = [&] {
            QStringList shown;
            for (int row = 0; row < 3; ++row)
                shown << proxy.index(row, 0).data().toString();
            return shown;
        };
        QCOMPARE(namesInOrder(), names);
        table.horizontalScrollBar()->setValue(table.horizontalScrollBar()->maximum());
        QTRY_VERIFY(frozen->overlay()->isVisible());
        QHeaderView* header = frozen->overlay()->horizontalHeader();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->sectionPosition(0) + 20, header->height() / 2));
        QCOMPARE(namesInOrder(), (QStringList{"conv_a", "conv_b", "conv_c"}));
        QCOMPARE(table.horizontalHeader()->sortIndicatorSection(), 0);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->sectionPosition(0) + 20, header->height() / 2));
        QCOMPARE(namesInOrder(), (QStringList{"conv_c", "conv_b", "conv_a"}));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        table.sortByColumn(1, Qt::AscendingOrder);
        QCOMPARE(header->sortIndicatorSection(), 1);
    }
};

QTEST_MAIN(TestFrozenFirstColumn)
#include "test_frozen_first_column.moc"
