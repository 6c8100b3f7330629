#include "core/eval/model_feed.h"

#include "core/util/error.h"

#include <algorithm>

namespace qs {

namespace {

std::string quotedNames(const std::vector<std::string>& names)
{
    std::string text;
    for (const std::string& name : names)
        text += (text.empty() ? "'" : ", '") + name + "'";
    return text;
}

std::vector<std::string> inputNames(const Graph& model)
{
    std::vector<std::string> names;
    for (const ValueInfo& input : model.inputs)
        names.push_back(input.name);
    return names;
}

// For each graph input, the index of the dataset array that feeds it.
std::vector<std::size_t> matchArrays(const Graph& model, const Dataset& dataset, const std::vector<SampleArray>& arrays)
{
    if (model.inputs.empty())
        throw Error("the model has no input to feed", {model.sourcePath});
    for (const ValueInfo& input : model.inputs)
        if (input.dtype != DataType::Float32 && input.dtype != DataType::Undefined)
            throw Error("the model input '" + input.name + "' is " + toString(input.dtype) +
                            "; only float inputs can be fed from data (integer inputs are not supported)",
                        {model.sourcePath});
    if (model.inputs.size() == 1 && arrays.size() == 1)
        return {0}; // one input, one array: whatever their names, as always
    if (arrays.size() == 1 && arrays.front().input.empty())
        throw Error("the model has " + std::to_string(model.inputs.size()) + " inputs (" + quotedNames(inputNames(model)) + ") but " +
                        dataset.name() + " gives one array per sample; for several inputs use tensors:DIR with one .npz per sample "
                        "holding one array per input, named after it (np.savez(f, NAME=array, ...))",
                    {model.sourcePath});
    std::vector<std::size_t> arrayOf;
    std::vector<std::string> missing, extra;
    std::vector<bool> taken(arrays.size(), false);
    for (const ValueInfo& input : model.inputs) {
        const auto it = std::find_if(arrays.begin(), arrays.end(), [&](const SampleArray& a) { return a.input == input.name; });
        if (it == arrays.end()) {
            missing.push_back(input.name);
            continue;
        }
        arrayOf.push_back(static_cast<std::size_t>(it - arrays.begin()));
        taken[arrayOf.back()] = true;
    }
    for (std::size_t a = 0; a < arrays.size(); ++a)
        if (!taken[a])
            extra.push_back(arrays[a].input);
    if (!missing.empty() || !extra.empty()) {
        std::string problem;
        if (!missing.empty())
            problem = "the model input" + std::string(missing.size() > 1 ? "s " : " ") + quotedNames(missing) + " ha" +
                      (missing.size() > 1 ? "ve" : "s") + " no array in the data";
        if (!extra.empty())
            problem += (problem.empty() ? "the data has " : " and the data has ") + std::string(extra.size() > 1 ? "arrays " : "an array ") +
                       quotedNames(extra) + " the model does not take";
        std::vector<std::string> given;
        for (const SampleArray& a : arrays)
            given.push_back(a.input);
        throw Error(problem + " (the model takes " + quotedNames(inputNames(model)) + ", each sample of " + dataset.name() + " holds " +
                        quotedNames(given) + "; name each .npz array after the input it feeds)",
                    {model.sourcePath});
    }
    return arrayOf;
}

// One sample's dims for `input`: the array's, less a stored leading batch dim of 1 when the array has the
// input's full rank (a named array only: a one-array dataset's dims are already a sample's).
std::vector<int64_t> sampleDimsFor(const ValueInfo& input, const SampleArray& array)
{
    std::vector<int64_t> dims = array.dims;
    if (!array.input.empty() && input.shapeKnown && input.shape.size() == dims.size() && !dims.empty() && dims.front() == 1)
        dims.erase(dims.begin());
    return dims;
}

} // namespace

InputShapes inputShapesFor(const Graph& model, const Dataset& dataset, int64_t batch)
{
    const std::vector<SampleArray> arrays = dataset.sampleArrays();
    const std::vector<std::size_t> arrayOf = matchArrays(model, dataset, arrays);
    InputShapes shapes;
    shapes.batch = batch;
    for (std::size_t i = 0; i < model.inputs.size(); ++i) {
        const ValueInfo& input = model.inputs[i];
        const SampleArray& array = arrays[arrayOf[i]];
        Shape shape{batch};
        for (int64_t d : sampleDimsFor(input, array))
            shape.push_back(d);
        if (input.shapeKnown) {
            bool fits = input.shape.size() == shape.size();
            for (std::size_t d = 1; fits && d < shape.size(); ++d)
                fits = input.shape[d] < 0 || input.shape[d] == shape[d];
            if (!fits && array.input.empty())
                throw Error("the model input '" + input.name + "' is " + toString(input.shape) + " but the dataset gives samples of " +
                                toString(dataset.sampleShape()) + "; adjust the preprocessing (--preprocess)",
                            {model.sourcePath});
            if (!fits)
                throw Error("the model input '" + input.name + "' is " + toString(input.shape) + " but its array in " + dataset.name() +
                                " is " + toString(array.dims) + " per sample (as stored; a leading batch dim of 1 may be left out)",
                            {model.sourcePath});
        }
        shapes.exact[input.name] = shape;
    }
    return shapes;
}

ModelFeed::ModelFeed(const Graph& graph, const Dataset& dataset) : m_dataset(dataset), m_inputs(graph.inputs)
{
    const std::vector<SampleArray> arrays = dataset.sampleArrays();
    const std::vector<std::size_t> arrayOf = matchArrays(graph, dataset, arrays);
    m_batch = graph.inputs.front().shape.at(0);
    m_buffers.resize(graph.inputs.size());
    m_arrayBuffers.resize(arrays.size());
    for (std::size_t i = 0; i < graph.inputs.size(); ++i) {
        const ValueInfo& input = graph.inputs[i];
        const int64_t total = elementCount(input.shape);
        const SampleArray& array = arrays[arrayOf[i]];
        if (input.shape.empty() || input.shape[0] != m_batch || total != m_batch * array.elements())
            throw Error("the compiled input '" + input.name + "' is " + toString(input.shape) + ", not " + std::to_string(m_batch) +
                            " samples of " + toString(array.dims) + " from " + dataset.name(),
                        {graph.sourcePath});
        m_sampleElements.push_back(array.elements());
        m_buffers[i].assign(static_cast<std::size_t>(total), 0.0f);
        m_pointers.push_back(m_buffers[i].data());
        m_arrayBuffers[arrayOf[i]] = m_buffers[i].data();
    }
}

void ModelFeed::load(std::span<const int64_t> indices)
{
    const auto rows = static_cast<int64_t>(indices.size());
    if (rows > m_batch)
        throw Error("cannot load " + std::to_string(rows) + " samples into a batch of " + std::to_string(m_batch));
    m_dataset.loadArrays(indices, m_arrayBuffers);
    for (std::size_t i = 0; i < m_buffers.size(); ++i) // padded rows are zeros, whatever the last batch left there
        std::fill(m_buffers[i].begin() + rows * m_sampleElements[i], m_buffers[i].end(), 0.0f);
}

} // namespace qs
