#pragma once
// Per-layer sensitivity as a heat map: one row per layer (model order, first layer at the top), one column per
// probe (W8A8, W6, W4, A6, A4, all_but, as the caller names them). A cell's colour is its value on one colour
// scale for the whole map, drawn as a legend beside it, with the value written in the cell; the scale runs from
// harmless to harmful whichever way the metric points (a top-1 drop is bad when high, an SQNR when low). A
// caption above the map says what was measured and what the sweep cost. Clicking a cell emits
// cellClicked(row, column) and layerClicked(name); the selected layer's row is outlined.

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <limits>
#include <vector>

class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace qs::widgets {

struct SensitivityRow {
    QString name;                // layer (node) name, emitted by layerClicked
    QString label;               // axis label; name when empty
    std::vector<double> values;  // one per column; NaN: no value (an empty cell)
    QStringList tooltips;        // one per column (rich text allowed); may be empty
};

struct SensitivityHeatmapData {
    QStringList columns;         // probe names, left to right
    QStringList columnTooltips;  // what each probe is; may be empty
    std::vector<SensitivityRow> rows;
    QString metric;              // the colour scale's label ("top-1 drop (points)")
    bool higherIsWorse = true;   // top-1 drop: true; SQNR: false
    // When set, the harmless end of the scale (a top-1 drop of 0): values past it share its colour, so a
    // probe that happens to gain on a small sample does not make every other cell look harmful.
    double harmless = std::numeric_limits<double>::quiet_NaN();
    int decimals = 1;            // of the values written in the cells
    QString caption;             // above the map: samples, base configuration, the sweep's cost
};

class SensitivityHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit SensitivityHeatmap(QWidget* parent = nullptr);
    ~SensitivityHeatmap() override;

    void setData(const SensitivityHeatmapData& data);
    void clear(const QString& message = {});
    void setSelectedLayer(const QString& name);
    const SensitivityHeatmapData& data() const { return m_data; }

    int rowCount() const { return static_cast<int>(m_data.rows.size()); }
    int columnCount() const { return static_cast<int>(m_data.columns.size()); }
    QString cellText(int row, int column) const;   // the text drawn in the cell ("" when empty)
    QColor cellColor(int row, int column) const;   // its fill (invalid when empty)
    // The range the colour scale spans, low to high value.
    double scaleLower() const;
    double scaleUpper() const;
    QString caption() const;
    // Whether the values are written in the cells: not when the cells are too small for a line of text (many
    // layers in a small dock); the tooltips have them then. Decided on every layout.
    bool valuesShown() const { return m_valuesShown; }
    // Centre of a cell in plotWidget() coordinates (lays out first).
    QPoint cellCenter(int row, int column);
    QWidget* plotWidget() const;

    bool savePng(const QString& path, int width = 0, int height = 0);

signals:
    void cellClicked(int row, int column);
    void layerClicked(const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    bool cellAt(const QPoint& pos, int* row, int* column) const;
    void onMouseMove(QMouseEvent* event);
    void fitValues();

    QLabel* m_caption;
    QCustomPlot* m_plot;
    QLabel* m_message = nullptr;
    SensitivityHeatmapData m_data;
    QString m_selected;
    double m_lower = 0.0, m_upper = 1.0;
    bool m_valuesShown = true;
};

} // namespace qs::widgets
