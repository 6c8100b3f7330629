#pragma once
// One undoable change of the per-layer config: the rows it touched with their config before and after.
// A single-cell edit, a bulk edit of a multi-row selection and a config import are all one of these.

#include "app/gui/models/layer_config.h"

#include <QUndoCommand>

#include <vector>

namespace qs::gui {

class LayerTableModel;

class LayerEditCommand : public QUndoCommand {
public:
    LayerEditCommand(LayerTableModel* model, const QString& text, std::vector<int> rows, std::vector<LayerConfig> before,
                     std::vector<LayerConfig> after);
    void undo() override;
    void redo() override;

private:
    LayerTableModel* m_model;
    std::vector<int> m_rows;
    std::vector<LayerConfig> m_before;
    std::vector<LayerConfig> m_after;
};

} // namespace qs::gui
