// SpinBoxDelegate on a QStandardItemModel: the column's range and special text ("float" for 0 bits), the
// special entry writes the special value back (0 or an unset QVariant), out-of-range cells are clamped, the
// special text is what the cell displays, other columns keep the default editor.
#include "widgets/tables/spin_box_delegate.h"

#include <QLineEdit>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTest>

#include <memory>

using namespace qs::widgets;

namespace {
constexpr int kBits = 1, kGroup = 2;

class ProbeDelegate : public SpinBoxDelegate { // exposes the display text
public:
    using SpinBoxDelegate::SpinBoxDelegate;
    QString shown(const QModelIndex& index) const
    {
        QStyleOptionViewItem option;
        initStyleOption(&option, index);
        return option.text;
    }
};
} // namespace

class TestSpinBoxDelegate : public QObject {
    Q_OBJECT

private slots:
    void bitsWithFloatSpecialValue()
    {
        QStandardItemModel model(2, 3);
        model.setData(model.index(0, kBits), 8);
        model.setData(model.index(1, kBits), 0); // not quantized
        ProbeDelegate delegate;
        delegate.setColumn(kBits, {2, 8, QStringLiteral("float"), 0, QStringLiteral(" bit")});
        QWidget parent;
        std::unique_ptr<QWidget> editor(delegate.createEditor(&parent, {}, model.index(0, kBits)));
        auto* spin = qobject_cast<QSpinBox*>(editor.get());
        QVERIFY(spin);
        QCOMPARE(spin->maximum(), 8);
        QCOMPARE(spin->minimum(), 1); // the special entry, one below the real range
        QCOMPARE(spin->specialValueText(), QStringLiteral("float"));
        QCOMPARE(spin->suffix(), QStringLiteral(" bit"));

        delegate.setEditorData(spin, model.index(0, kBits));
        QCOMPARE(spin->value(), 8);
        spin->setValue(4);
        delegate.setModelData(spin, &model, model.index(0, kBits));
        QCOMPARE(model.data(model.index(0, kBits), Qt::EditRole).toInt(), 4);

        delegate.setEditorData(spin, model.index(1, kBits));
        QCOMPARE(spin->text(), QStringLiteral("float"));
        spin->setValue(spin->minimum());
        delegate.setModelData(spin, &model, model.index(0, kBits));
        QCOMPARE(model.data(model.index(0, kBits), Qt::EditRole), QVariant(0));

        QCOMPARE(delegate.shown(model.index(0, kBits)), QStringLiteral("float"));
        model.setData(model.index(0, kBits), 6);
        QCOMPARE(delegate.shown(model.index(0, kBits)), QStringLiteral("6"));
    }

    void typedTextIsInterpreted()
    {
        QStandardItemModel model(1, 3);
        model.setData(model.index(0, kBits), 8);
        SpinBoxDelegate delegate;
        delegate.setColumn(kBits, {2, 8, {}, {}, {}});
        QWidget parent;
        std::unique_ptr<QWidget> editor(delegate.createEditor(&parent, {}, model.index(0, kBits)));
        auto* spin = qobject_cast<QSpinBox*>(editor.get());
        QCOMPARE(spin->minimum(), 2); // no special entry
        delegate.setEditorData(spin, model.index(0, kBits));
        spin->selectAll();
        QTest::keyClicks(spin, QStringLiteral("5")); // typed, no Enter: setModelData still reads it
        delegate.setModelData(spin, &model, model.index(0, kBits));
        QCOMPARE(model.data(model.index(0, kBits)).toInt(), 5);
    }

    void unsetSpecialValueAndClamping()
    {
        QStandardItemModel model(2, 3);
        model.setData(model.index(0, kGroup), 1000); // beyond the range
        SpinBoxDelegate delegate;
        delegate.setColumn(kGroup, {1, 64, QStringLiteral("unset"), QVariant(), {}});
        QWidget parent;
        std::unique_ptr<QWidget> editor(delegate.createEditor(&parent, {}, model.index(0, kGroup)));
        auto* spin = qobject_cast<QSpinBox*>(editor.get());
        delegate.setEditorData(spin, model.index(0, kGroup));
        QCOMPARE(spin->value(), 64);
        delegate.setEditorData(spin, model.index(1, kGroup)); // empty cell: the unset entry
        QCOMPARE(spin->text(), QStringLiteral("unset"));
        delegate.setModelData(spin, &model, model.index(0, kGroup));
        QVERIFY(!model.data(model.index(0, kGroup), Qt::EditRole).isValid());
    }

    void otherColumnsKeepTheDefaultEditor()
    {
        QStandardItemModel model(1, 3);
        model.setData(model.index(0, 0), QStringLiteral("conv1"));
        SpinBoxDelegate delegate;
        delegate.setColumn(kBits, {2, 8, {}, {}, {}});
        QWidget parent;
        std::unique_ptr<QWidget> editor(delegate.createEditor(&parent, {}, model.index(0, 0)));
        QVERIFY(!qobject_cast<QSpinBox*>(editor.get()));
        delegate.removeColumn(kBits);
        QVERIFY(!delegate.hasColumn(kBits));
    }
};

QTEST_MAIN(TestSpinBoxDelegate)
#include "test_spin_box_delegate.moc"
