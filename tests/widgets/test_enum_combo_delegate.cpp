// EnumComboDelegate on a QStandardItemModel: a combo with the column's strings, opened on the cell's value,
// written back under Qt::EditRole; activating an entry in a real view commits without Enter; other columns
// keep the default editor.
#include "widgets/tables/enum_combo_delegate.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace qs::widgets;

namespace {
const QStringList kModes = {QStringLiteral("asym_u"), QStringLiteral("asym_s"), QStringLiteral("sym")};
const QStringList kClips = {QStringLiteral("none"), QStringLiteral("avg"), QStringLiteral("entropy"), QStringLiteral("mse")};

std::unique_ptr<QStandardItemModel> layerModel()
{
    auto model = std::make_unique<QStandardItemModel>(2, 3);
    for (int r = 0; r < 2; ++r) {
        model->setData(model->index(r, 0), QStringLiteral("conv%1").arg(r));
        model->setData(model->index(r, 1), QStringLiteral("sym"));
        model->setData(model->index(r, 2), QStringLiteral("avg"));
    }
    return model;
}
} // namespace

class TestEnumComboDelegate : public QObject {
    Q_OBJECT

private slots:
    void editsWithTheColumnsChoices()
    {
        auto model = layerModel();
        EnumComboDelegate delegate;
        delegate.setChoices(1, kModes);
        delegate.setChoices(2, kClips);
        QWidget parent;
        const QModelIndex clip = model->index(0, 2);
        std::unique_ptr<QWidget> editor(delegate.createEditor(&parent, {}, clip));
        auto* combo = qobject_cast<QComboBox*>(editor.get());
        QVERIFY(combo);
        QCOMPARE(combo->count(), kClips.size());
        QCOMPARE(combo->itemText(3), QStringLiteral("mse"));
        delegate.setEditorData(combo, clip);
        QCOMPARE(combo->currentText(), QStringLiteral("avg"));
        combo->setCurrentIndex(2);
        delegate.setModelData(combo, model.get(), clip);
        QCOMPARE(model->data(clip, Qt::EditRole).toString(), QStringLiteral("entropy"));
        QCOMPARE(model->data(model->index(1, 2)).toString(), QStringLiteral("avg")); // other rows untouched

        std::unique_ptr<QWidget> modeEditor(delegate.createEditor(&parent, {}, model->index(0, 1)));
        QCOMPARE(qobject_cast<QComboBox*>(modeEditor.get())->count(), kModes.size());
    }

    void unknownValueSelectsNothingAndWritesNothing()
    {
        auto model = layerModel();
        model->setData(model->index(0, 2), QStringLiteral("aciq_legacy"));
        EnumComboDelegate delegate;
        delegate.setChoices(2, kClips);
        QWidget parent;
        std::unique_ptr<QWidget> editor(delegate.createEditor(&parent, {}, model->index(0, 2)));
        auto* combo = qobject_cast<QComboBox*>(editor.get());
        delegate.setEditorData(combo, model->index(0, 2));
        QCOMPARE(combo->currentIndex(), -1);
        delegate.setModelData(combo, model.get(), model->index(0, 2));
        QCOMPARE(model->data(model->index(0, 2)).toString(), QStringLiteral("aciq_legacy"));
    }

    void otherColumnsKeepTheDefaultEditor()
    {
        auto model = layerModel();
        EnumComboDelegate delegate;
        delegate.setChoices(2, kClips);
        QWidget parent;
        std::unique_ptr<QWidget> editor(delegate.createEditor(&parent, {}, model->index(0, 0)));
        QVERIFY(qobject_cast<QLineEdit*>(editor.get()));
        delegate.setChoices(2, {});
        std::unique_ptr<QWidget> cleared(delegate.createEditor(&parent, {}, model->index(0, 2)));
        QVERIFY(!qobject_cast<QComboBox*>(cleared.get()));
    }

    void activationCommitsInAView()
    {
        auto model = layerModel();
        QTableView view;
        auto* delegate = new EnumComboDelegate(&view);
        delegate->setChoices(2, kClips);
        view.setItemDelegate(delegate);
        view.setModel(model.get());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QModelIndex clip = model->index(1, 2);
        QSignalSpy committed(delegate, &QAbstractItemDelegate::commitData);
        view.edit(clip);
        auto* combo = view.indexWidget(clip) ? qobject_cast<QComboBox*>(view.indexWidget(clip)) : view.findChild<QComboBox*>();
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), QStringLiteral("avg"));
        // The user picks "mse" in the popup: QComboBox emits activated(3); no Enter, no focus change.
        combo->setCurrentIndex(3);
        emit combo->activated(3);
        QCOMPARE(committed.count(), 1);
        QCOMPARE(model->data(clip, Qt::EditRole).toString(), QStringLiteral("mse"));
        QTRY_VERIFY(!view.findChild<QComboBox*>()); // the editor closed
    }
};

QTEST_MAIN(TestEnumComboDelegate)
#include "test_enum_combo_delegate.moc"
