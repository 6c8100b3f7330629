// NonMaxSuppression: per batch and class, boxes by descending score (ties: the lower box index first), each kept
// unless its IoU with a box already kept in that class exceeds iou_threshold, until max_output_boxes_per_class are
// kept. Output [num_selected, 3] int64 rows (batch, class, box), batch-major then class-major, each class in selection
// order. The numerics are ONNX Runtime's CPU kernel's (float IoU; a box with no area or no overlap never suppresses;
// a score must be strictly above score_threshold), so a detector's selection matches it exactly.
// num_selected depends on the data: inference gives [?, 3] (an unknown dim) unless every input is constant, and the
// engine runs this node and everything after it on run-time shapes (see dnnl_plan.cpp, reference_plan.cpp).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

struct Thresholds {
    int64_t maxPerClass = 0; // 0 (the default, also for a negative input): no output
    float iou = 0.0f;
    bool hasScore = false;
    float score = 0.0f;
};

// One value of an optional scalar input (ONNX Runtime also takes a one-element 1-D tensor).
const Tensor* scalarInput(const std::vector<const Tensor*>& in, std::size_t i, const char* what)
{
    if (i >= in.size() || !in[i])
        return nullptr;
    if (in[i]->size() != 1)
        throw Error(std::string(what) + " must hold one value, has shape " + toString(in[i]->shape()));
    return in[i];
}

Thresholds thresholdsOf(const std::vector<const Tensor*>& in)
{
    Thresholds t;
    if (const Tensor* m = scalarInput(in, 2, "max_output_boxes_per_class"))
        t.maxPerClass = std::max<int64_t>(m->toInt64()[0], 0);
    if (const Tensor* iou = scalarInput(in, 3, "iou_threshold")) {
        t.iou = iou->toFloat()[0];
        if (!(t.iou >= 0.0f && t.iou <= 1.0f))
            throw Error("iou_threshold " + std::to_string(t.iou) + " is outside [0, 1]");
    }
    if (const Tensor* s = scalarInput(in, 4, "score_threshold")) {
        t.hasScore = true;
        t.score = s->toFloat()[0];
    }
    return t;
}

// A box as its sorted x and y extents.
struct Extent {
    float xMin, xMax, yMin, yMax;
};

Extent extentOf(const float* box, bool centerPoint)
{
    if (centerPoint) { // [x_center, y_center, width, height]
        const float halfW = box[2] / 2, halfH = box[3] / 2;
        return {box[0] - halfW, box[0] + halfW, box[1] - halfH, box[1] + halfH};
    }
    // [y1, x1, y2, x2]: any diagonal pair of corners
    return {std::min(box[1], box[3]), std::max(box[1], box[3]), std::min(box[0], box[2]), std::max(box[0], box[2])};
}

// Whether `b` overlaps the kept box `a` by more than the threshold; computed in float as ONNX Runtime does.
bool suppresses(const Extent& a, const Extent& b, float threshold)
{
    const float ixMin = std::max(a.xMin, b.xMin), ixMax = std::min(a.xMax, b.xMax);
    if (ixMax <= ixMin)
        return false;
    const float iyMin = std::max(a.yMin, b.yMin), iyMax = std::min(a.yMax, b.yMax);
    if (iyMax <= iyMin)
        return false;
    const float intersection = (ixMax - ixMin) * (iyMax - iyMin);
    const float areaA = (a.xMax - a.xMin) * (a.yMax - a.yMin), areaB = (b.xMax - b.xMin) * (b.yMax - b.yMin);
    const float unionArea = areaA + areaB - intersection;
    if (intersection <= 0.0f || areaA <= 0.0f || areaB <= 0.0f || unionArea <= 0.0f)
        return false;
    return intersection / unionArea > threshold;
}

class NonMaxSuppressionOp : public Op {
public:
    const char* type() const override { return "NonMaxSuppression"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 5);
        centerPointBox(ctx.node);
        const Shape& boxes = ctx.in(0).shape;
        const Shape& scores = ctx.in(1).shape;
        if (ctx.in(0).dtype != DataType::Float32 || ctx.in(1).dtype != DataType::Float32)
            throw Error("boxes and scores must be float32, are " + toString(ctx.in(0).dtype) + " and " + toString(ctx.in(1).dtype));
        if (boxes.size() != 3 || boxes[2] != 4)
            throw Error("boxes must be [num_batches, spatial_dimension, 4], are " + toString(boxes));
        if (scores.size() != 3 || scores[0] != boxes[0] || scores[2] != boxes[1])
            throw Error("scores must be [num_batches, num_classes, spatial_dimension] for boxes " + toString(boxes) + ", are " + toString(scores));
        const char* names[] = {"", "", "max_output_boxes_per_class", "iou_threshold", "score_threshold"};
        for (std::size_t i = 2; i < 5; ++i) {
            if (!ctx.has(i))
                continue;
            const bool wantInteger = i == 2;
            if (wantInteger ? ctx.in(i).dtype != DataType::Int64 : ctx.in(i).dtype != DataType::Float32)
                throw Error(std::string(names[i]) + " must be " + (wantInteger ? "int64" : "float32") + ", is " + toString(ctx.in(i).dtype));
            if (elementCount(ctx.in(i).shape) != 1)
                throw Error(std::string(names[i]) + " must hold one value, has shape " + toString(ctx.in(i).shape));
        }
        ctx.outputs = {makeInfo(DataType::Int64, {-1, 3})};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const bool centerPoint = centerPointBox(node) == 1;
        const Thresholds t = thresholdsOf(in);
        const Shape& bs = in[0]->shape();
        const int64_t batches = bs[0], boxCount = bs[1], classes = in[1]->shape()[1];
        const float* boxes = in[0]->data<float>();
        const float* scores = in[1]->data<float>();
        std::vector<int64_t> selected;
        std::vector<int64_t> order(static_cast<std::size_t>(boxCount));
        std::vector<Extent> extents(static_cast<std::size_t>(boxCount));
        for (int64_t b = 0; t.maxPerClass > 0 && b < batches; ++b) {
            for (int64_t i = 0; i < boxCount; ++i)
                extents[static_cast<std::size_t>(i)] = extentOf(boxes + (b * boxCount + i) * 4, centerPoint);
            for (int64_t c = 0; c < classes; ++c) {
                const float* s = scores + (b * classes + c) * boxCount;
                order.clear();
                for (int64_t i = 0; i < boxCount; ++i)
                    if (!std::isnan(s[i]) && (!t.hasScore || s[i] > t.score)) // NaN has no place in the order
                        order.push_back(i);
                std::stable_sort(order.begin(), order.end(), [&](int64_t x, int64_t y) { return s[x] > s[y]; });
                std::vector<int64_t> kept;
                for (int64_t candidate : order) {
                    if (static_cast<int64_t>(kept.size()) >= t.maxPerClass)
                        break;
                    const Extent& e = extents[static_cast<std::size_t>(candidate)];
                    if (std::none_of(kept.begin(), kept.end(), [&](int64_t k) { return suppresses(extents[static_cast<std::size_t>(k)], e, t.iou); })) {
                        kept.push_back(candidate);
                        selected.insert(selected.end(), {b, c, candidate});
                    }
                }
            }
        }
        const int64_t rows = static_cast<int64_t>(selected.size()) / 3;
        return {Tensor::fromInt64({rows, 3}, selected)};
    }

private:
    static int64_t centerPointBox(const Node& node)
    {
        const int64_t c = node.attributes.i("center_point_box", 0);
        if (c != 0 && c != 1)
            throw Error("center_point_box " + std::to_string(c) + " is not 0 ([y1, x1, y2, x2]) or 1 ([x_center, y_center, width, height])");
        return c;
    }
};

} // namespace

std::unique_ptr<Op> makeNonMaxSuppressionOp() { return std::make_unique<NonMaxSuppressionOp>(); }

} // namespace qs
