#include "core/transforms/prepare_graph.h"

#include "core/transforms/cleanup.h"
#include "core/transforms/equalize_channels.h"
#include "core/transforms/lstm_input_projection.h"
#include "core/transforms/matmul_as_gemm.h"

namespace qs {

Graph prepareGraph(const Graph& model, const PrepareOptions& options)
{
    Graph graph = model;
    fixInputShapes(graph, options.shapes);
    inferShapes(graph);
    removePassThroughNodes(graph);
    if (options.foldBatchNorm) {
        foldBatchNorm(graph);
        foldChannelBiasAdd(graph);
        matMulsAsGemm(graph);
        lstmInputProjections(graph);
        if (options.equalizeChannels)
            equalizeChannels(graph);
    }
    return graph;
}

} // namespace qs
