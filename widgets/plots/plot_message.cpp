#include "widgets/plots/plot_message.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QVBoxLayout>

namespace qs::widgets {

QLabel* addPlotWithMessage(QWidget* owner, QCustomPlot* plot, const QString& objectName, QVBoxLayout* layout)
{
    plot->setObjectName(objectName);
    plot->setMinimumSize(320, 200);
    plot->setMouseTracking(true);
    auto* message = new QLabel(owner);
    message->setAlignment(Qt::AlignCenter);
    message->setWordWrap(true);
    message->setForegroundRole(QPalette::PlaceholderText);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(message, 1);
    layout->addWidget(plot, 1);
    return message;
}

void showPlotMessage(QCustomPlot* plot, QLabel* message, const QString& text)
{
    message->setText(text);
    message->setVisible(true);
    plot->setVisible(false);
    plot->clearItems();
    plot->clearPlottables();
}

void showPlot(QCustomPlot* plot, QLabel* message)
{
    message->setVisible(false);
    plot->setVisible(true);
}

} // namespace qs::widgets
