// LayerPanel: the layer table is edited with widgets/tables' delegates (SpinBoxDelegate for the bit widths,
// EnumComboDelegate for mode, clip method and the yes/no flags). Each edit opens the real editor in the
// view, changes it as a user would and checks the config and the undo stack.
#include "app/gui/models/layer_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "widgets/tables/enum_combo_delegate.h"
#include "widgets/tables/spin_box_delegate.h"

#include <QComboBox>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace qs::gui;

class TestLayerPanel : public QObject {
    Q_OBJECT

private:
    static std::vector<LayerInfo> twoLayers()
    {
        std::vector<LayerInfo> layers(2);
        layers[0].name = QStringLiteral("conv1");
        layers[0].opType = QStringLiteral("Conv");
        layers[1].name = QStringLiteral("fc");
        layers[1].opType = QStringLiteral("Gemm");
        for (LayerInfo& l : layers) {
            l.hasWeights = true;
            l.outputValue = l.name + QStringLiteral("_out");
        }
        return layers;
    }

    // Opens the editor of the view's cell (row, column) and returns it.
    template <typename Editor>
    static Editor* openEditor(QTableView* view, int row, int column)
    {
        const QModelIndex index = view->model()->index(row, column);
        view->setCurrentIndex(index);
        view->edit(index);
        return qobject_cast<Editor*>(view->indexWidget(index));
    }

private slots:
    void usesTheWidgetsDelegates()
    {
        QUndoStack undo;
        LayerTableModel model(&undo);
        model.resetLayers(twoLayers());
        LayerPanel panel(&model);
        QTableView* view = panel.view();
        for (int column : {int(LayerTableModel::BitsActivations), int(LayerTableModel::BitsWeights)})
            QVERIFY(qobject_cast<qs::widgets::SpinBoxDelegate*>(view->itemDelegateForColumn(column)));
        for (int column : {int(LayerTableModel::Mode), int(LayerTableModel::Clip), int(LayerTableModel::PerChannel),
                           int(LayerTableModel::NoQuant), int(LayerTableModel::NoClip)}) {
            auto* delegate = qobject_cast<qs::widgets::EnumComboDelegate*>(view->itemDelegateForColumn(column));
            QVERIFY(delegate);
            QVERIFY(!delegate->choices(column).isEmpty());
        }
        QCOMPARE(qobject_cast<qs::widgets::EnumComboDelegate*>(view->itemDelegateForColumn(LayerTableModel::Mode))->choices(LayerTableModel::Mode),
                 modeNames());
        QCOMPARE(qobject_cast<qs::widgets::EnumComboDelegate*>(view->itemDelegateForColumn(LayerTableModel::Clip))->choices(LayerTableModel::Clip),
                 clipMethodNames());
        // Facts are not editable: no delegate of ours.
        QVERIFY(!view->itemDelegateForColumn(LayerTableModel::Name));
    }

    void editsThroughTheEditors()
    {
        QUndoStack undo;
        LayerTableModel model(&undo);
        model.resetLayers(twoLayers());
        LayerPanel panel(&model);
        panel.resize(1200, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTableView* view = panel.view();

        // Bit widths: a spin box limited to 2..8 that opens on the current value.
        auto* spin = openEditor<QSpinBox>(view, 1, LayerTableModel::BitsWeights);
        QVERIFY(spin);
        QCOMPARE(spin->value(), 8);
        QCOMPARE(spin->minimum(), 2);
        QCOMPARE(spin->maximum(), 8);
        spin->setValue(5);
        QTest::keyClick(spin, Qt::Key_Return); // commits and closes (queued by the delegate)
        QTRY_COMPARE(model.configs()[1].bitsWeights, 5);
        QCOMPARE(undo.count(), 1);

        // Clip method: a combo box of Distiller's names; picking one is the whole edit.
        auto* combo = openEditor<QComboBox>(view, 0, LayerTableModel::Clip);
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), clipName(model.configs()[0].clip));
        const int mse = combo->findText(QStringLiteral("mse"));
        QVERIFY(mse >= 0);
        combo->setCurrentIndex(mse);
        emit combo->activated(mse);
        QCOMPARE(clipName(model.configs()[0].clip), QStringLiteral("mse"));
        QCOMPARE(undo.count(), 2);

        // Mode.
        combo = openEditor<QComboBox>(view, 0, LayerTableModel::Mode);
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), modeName(model.configs()[0].mode));
        const int sym = combo->findText(QStringLiteral("sym"));
        QVERIFY(sym >= 0);
        combo->setCurrentIndex(sym);
        emit combo->activated(sym);
        QCOMPARE(modeName(model.configs()[0].mode), QStringLiteral("sym"));

        // A yes/no flag opens on the current answer and writes the other.
        combo = openEditor<QComboBox>(view, 1, LayerTableModel::NoClip);
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), LayerTableModel::flagNames()[1]);
        combo->setCurrentIndex(0);
        emit combo->activated(0);
        QVERIFY(model.configs()[1].noClip);
        QCOMPARE(undo.count(), 4);

        undo.undo();
        QVERIFY(!model.configs()[1].noClip);
    }

    // Several rows selected with different values: opening an editor on one of them and closing it without a
    // change leaves every row with its own value (it used to give all of them the edited row's value); a real
    // change applies to every selected row as one undoable step.
    void unchangedMultiRowEditKeepsEachRowsValue()
    {
        QUndoStack undo;
        LayerTableModel model(&undo);
        model.resetLayers(twoLayers());
        QVERIFY(model.setData(model.index(0, LayerTableModel::BitsWeights), 4));
        QVERIFY(model.setData(model.index(1, LayerTableModel::Mode), QStringLiteral("sym")));
        undo.clear();
        LayerPanel panel(&model);
        panel.resize(1200, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTableView* view = panel.view();
        view->selectAll();
        QCOMPARE(panel.selectedRows(), (std::vector<int>{0, 1}));
        // Opens the editor on (row, column) as a double-click does, keeping the selection.
        auto open = [view](int row, int column) {
            const QModelIndex index = view->model()->index(row, column);
            view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
            view->edit(index);
            return view->indexWidget(index);
        };

        // Bits: the spin box opens on row 0's 4 and is closed with Return, unchanged.
        auto* spin = qobject_cast<QSpinBox*>(open(0, LayerTableModel::BitsWeights));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 4);
        QTest::keyClick(spin, Qt::Key_Return);
        QTRY_VERIFY(!view->indexWidget(view->model()->index(0, LayerTableModel::BitsWeights))); // committed and closed
        QCOMPARE(model.configs()[0].bitsWeights, 4);
        QCOMPARE(model.configs()[1].bitsWeights, 8);
        QCOMPARE(undo.count(), 0);

        // Mode: picking the entry the combo opened on is no change either.
        auto* combo = qobject_cast<QComboBox*>(open(1, LayerTableModel::Mode));
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), QStringLiteral("sym"));
        emit combo->activated(combo->currentIndex());
        QTRY_VERIFY(!view->indexWidget(view->model()->index(1, LayerTableModel::Mode)));
        QCOMPARE(modeName(model.configs()[0].mode), QStringLiteral("asym_u"));
        QCOMPARE(modeName(model.configs()[1].mode), QStringLiteral("sym"));
        QCOMPARE(undo.count(), 0);
        QCOMPARE(panel.selectedRows(), (std::vector<int>{0, 1}));

        // A real change applies to both rows, as one step.
        spin = qobject_cast<QSpinBox*>(open(1, LayerTableModel::BitsWeights));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 8);
        spin->setValue(6);
        QTest::keyClick(spin, Qt::Key_Return);
        QTRY_COMPARE(model.configs()[0].bitsWeights, 6);
        QCOMPARE(model.configs()[1].bitsWeights, 6);
        QCOMPARE(undo.count(), 1);
        undo.undo();
        QCOMPARE(model.configs()[0].bitsWeights, 4);
        QCOMPARE(model.configs()[1].bitsWeights, 8);
    }

    void flagValues()
    {
        QUndoStack undo;
        LayerTableModel model(&undo);
        model.resetLayers(twoLayers());
        const QModelIndex perChannel = model.index(0, LayerTableModel::PerChannel);
        const bool before = model.configs()[0].perChannel;
        QCOMPARE(perChannel.data(Qt::EditRole).toString(), LayerTableModel::flagNames()[before ? 0 : 1]);
        QVERIFY(model.setData(perChannel, LayerTableModel::flagNames()[before ? 1 : 0]));
        QCOMPARE(model.configs()[0].perChannel, !before);
        QVERIFY(model.setData(perChannel, before)); // a bool, as code sets it
        QCOMPARE(model.configs()[0].perChannel, before);
        QVERIFY(model.setData(perChannel, QStringLiteral("true")));
        QVERIFY(model.configs()[0].perChannel);
        QVERIFY(!model.setData(perChannel, QStringLiteral("maybe"))); // refused, nothing pushed
        QVERIFY(model.configs()[0].perChannel);
    }
};

QTEST_MAIN(TestLayerPanel)
#include "test_layer_panel.moc"
