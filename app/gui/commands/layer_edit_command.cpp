#include "app/gui/commands/layer_edit_command.h"

#include "app/gui/models/layer_table_model.h"

namespace qs::gui {

LayerEditCommand::LayerEditCommand(LayerTableModel* model, const QString& text, std::vector<int> rows, std::vector<LayerConfig> before,
                                   std::vector<LayerConfig> after)
    : QUndoCommand(text), m_model(model), m_rows(std::move(rows)), m_before(std::move(before)), m_after(std::move(after))
{
}

void LayerEditCommand::undo() { m_model->applyConfigs(m_rows, m_before); }
void LayerEditCommand::redo() { m_model->applyConfigs(m_rows, m_after); }

} // namespace qs::gui
