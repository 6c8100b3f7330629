<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Shapes could not be inferred without a dataset (%1); layers are listed as in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Node: %1</source>
        <translation>节点：%1</translation>
    </message>
    <message>
        <source>Line: %1</source>
        <translation>行：%1</translation>
    </message>
    <message>
        <source>Sample: %1</source>
        <translation>样本：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output after fused %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value %1 · %2 samples · A%3 %4 · configured: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FP32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (this output stays FP32)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (output stays FP32)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Post-training quantization workbench for ONNX CNNs</source>
        <translation>ONNX CNN 训练后量化工作台</translation>
    </message>
    <message>
        <source>Load the demo model, evaluate, save main_*.png screenshots into DIR and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ONNX model or a .qsession file to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time startup with the demo model and a re-evaluation after editing one layer, print both and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --benchmark: print one JSON line.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qs::gui::DatasetDialog</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>automatic: the model&apos;s sidecar or the dataset&apos;s usual normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>目录：</translation>
    </message>
    <message>
        <source>Evaluation split:</source>
        <translation>评估划分：</translation>
    </message>
    <message>
        <source>Preprocessing:</source>
        <translation>预处理：</translation>
    </message>
    <message>
        <source>Evaluation images:</source>
        <translation>评估图像数：</translation>
    </message>
    <message>
        <source>Calibration images (train):</source>
        <translation>校准图像数（训练集）：</translation>
    </message>
    <message>
        <source>Dataset directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preprocessing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the dataset directory.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qs::gui::JobRunner</name>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qs::gui::JobStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the running job (Esc)</source>
        <translation>取消正在运行的任务 (Esc)</translation>
    </message>
    <message>
        <source>ETA %1 s</source>
        <translation>剩余 %1 秒</translation>
    </message>
</context>
<context>
    <name>qs::gui::LayerItemDelegate</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>qs::gui::LayerPanel</name>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>Filter layers by name or op type</source>
        <translation>按名称或算子类型筛选层</translation>
    </message>
    <message>
        <source>Double-click a config cell to edit it; with several rows selected the edit applies to all of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>%1 of %2 layers</source>
        <translation>%1 / %2 层</translation>
    </message>
</context>
<context>
    <name>qs::gui::LayerTableModel</name>
    <message>
        <source>Observed range of the layer&apos;s output (Calibrate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range of the layer&apos;s weights (BatchNorm folded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation clipping method (Distiller names)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config override that matched this layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Act min</source>
        <translation>激活最小</translation>
    </message>
    <message>
        <source>Act max</source>
        <translation>激活最大</translation>
    </message>
    <message>
        <source>W min</source>
        <translation>权重最小</translation>
    </message>
    <message>
        <source>W max</source>
        <translation>权重最大</translation>
    </message>
    <message>
        <source>Bits A</source>
        <translation>激活位宽</translation>
    </message>
    <message>
        <source>Bits W</source>
        <translation>权重位宽</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Per-channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>No quant</source>
        <translation>不量化</translation>
    </message>
    <message>
        <source>No clip</source>
        <translation>不裁剪</translation>
    </message>
    <message>
        <source>Override key</source>
        <translation>覆盖键</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Run Calibrate to observe activation ranges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Set %1 of %n layers</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Predicted signal-to-quantization-noise ratio of the layer&apos;s output under its config (from the calibration histogram)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pred. SQNR (dB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No override: the global settings apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer&apos;s own settings; Export writes them under this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by the override &apos;%1&apos; of the imported config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output of %1 stays FP32 (graph output or read by an FP32 op); only its input is quantized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run Calibrate to predict the SQNR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted from the calibration histogram of %1 with the %2 range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed range of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed range of %1 (after the fused %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range method for the activations; the histogram panel compares them all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FP32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FP32 out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qs::gui::MainWindow</name>
    <message>
        <source>Evaluate (Ctrl+E) to add a run; the first run is the FP32 baseline.</source>
        <translation type="unfinished">评估 (Ctrl+E) 会添加一次运行；第一次运行是 FP32 基线。</translation>
    </message>
    <message>
        <source>Last evaluation finished.</source>
        <translation>上次评估已完成。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行结果</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Accuracy vs size</source>
        <translation>精度与大小</translation>
    </message>
    <message>
        <source>QuantScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — QuantScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>已校准</translation>
    </message>
    <message>
        <source>not calibrated</source>
        <translation>未校准</translation>
    </message>
    <message>
        <source>Could not open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Calibration failed</source>
        <translation>校准失败</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation>评估失败</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Evaluation failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an ONNX model</source>
        <translation>打开 ONNX 模型</translation>
    </message>
    <message>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a saved workbench session</source>
        <translation>打开已保存的会话</translation>
    </message>
    <message>
        <source>&amp;Save Session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save the model, data, config and runs</source>
        <translation>保存模型、数据、配置和运行结果</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the session under a new name</source>
        <translation>以新名称保存会话</translation>
    </message>
    <message>
        <source>&amp;Export Runs as CSV…</source>
        <translation>将运行结果导出为 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the runs table to a CSV file</source>
        <translation>将运行表写入 CSV 文件</translation>
    </message>
    <message>
        <source>&amp;Import Config (Distiller YAML)…</source>
        <translation>导入配置 (Distiller YAML)(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport Config (Distiller YAML)…</source>
        <translation>导出配置 (Distiller YAML)(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit QuantScope</source>
        <translation>退出 QuantScope</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find Layer</source>
        <translation>查找层(&amp;F)</translation>
    </message>
    <message>
        <source>Filter the layer table</source>
        <translation>筛选层表</translation>
    </message>
    <message>
        <source>&amp;Dataset…</source>
        <translation>数据集(&amp;D)…</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the evaluation and calibration data</source>
        <translation>选择评估和校准数据</translation>
    </message>
    <message>
        <source>&amp;Calibrate</source>
        <translation>校准(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observe activation ranges on calibration images</source>
        <translation>在校准图像上观测激活范围</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the current config (and the FP32 baseline first)</source>
        <translation>评估当前配置（先评估 FP32 基线）</translation>
    </message>
    <message>
        <source>C&amp;ancel Job</source>
        <translation>取消任务(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel the running job</source>
        <translation>取消正在运行的任务</translation>
    </message>
    <message>
        <source>&amp;About QuantScope</source>
        <translation>关于 QuantScope(&amp;A)</translation>
    </message>
    <message>
        <source>About QuantScope</source>
        <translation>关于 QuantScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;QuantScope %1&lt;/b&gt;&lt;br&gt;Post-training quantization workbench for ONNX CNNs on oneDNN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>QuantScope sessions (*.qsession);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved session</source>
        <translation>会话未保存</translation>
    </message>
    <message>
        <source>The session has unsaved changes. Save them first?</source>
        <translation>会话有未保存的更改。先保存吗？</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>QuantScope sessions (*.qsession)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Runs</source>
        <translation>导出运行结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>Activation histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight ranges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observer comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a Distiller PostTrainLinearQuantizer YAML config to the layers (undoable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the layer settings as a Distiller YAML config (usable with --qe-config-file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YAML files (*.yaml *.yml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not import the config; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qs::gui::PlotDocks</name>
    <message>
        <source>Output (what the layer&apos;s activation settings quantize)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histogram of the selected layer&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrate (Ctrl+L), then select a layer to see its activation histogram with the range every method picks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a layer in the table to see its activation histogram.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a layer in the table to see the range of each output channel of its weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrate (Ctrl+L) to compare the range every method picks, layer by layer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qs::gui::RunsPanel</name>
    <message>
        <source>Evaluate (Ctrl+E) to add a run; the first run is the FP32 baseline.</source>
        <translation>评估 (Ctrl+E) 会添加一次运行；第一次运行是 FP32 基线。</translation>
    </message>
    <message>
        <source>Restore Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the per-layer config the selected run evaluated into the layer table (undoable)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qs::gui::RunsTableModel</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Top-1 %</source>
        <translation>Top-1 %</translation>
    </message>
    <message>
        <source>Top-5 %</source>
        <translation>Top-5 %</translation>
    </message>
    <message>
        <source>Δ vs FP32</source>
        <translation>相对 FP32 的 Δ</translation>
    </message>
    <message>
        <source>Size (MB)</source>
        <translation>大小 (MB)</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩比</translation>
    </message>
    <message>
        <source>ms/image</source>
        <translation>毫秒/图像</translation>
    </message>
    <message>
        <source>images/s</source>
        <translation>图像/秒</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>qs::gui::Workbench</name>
    <message>
        <source>%1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>正在加载 %1</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1: %n quantizable layers</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset changed: runs and calibration cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrating</source>
        <translation>正在校准</translation>
    </message>
    <message>
        <source>%1: top-1 %2% after %3 of %4 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>int8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FP32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>正在评估</translation>
    </message>
    <message>
        <source>FP32 baseline</source>
        <translation>FP32 基线</translation>
    </message>
    <message>
        <source>FP32 baseline: top-1 %1% on %2 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>%1 (%2): top-1 %3% on %4 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session config names layer &apos;%1&apos;, which the model does not have; ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Calibrated statistics and histograms of %n values on %1 train images</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Calibrated statistics and histograms on %1 train images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the config of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Restored the config of %1 (%n layers changed)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %1: %n layers changed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sessions do not store calibration statistics: Calibrate again (Ctrl+L) to see histograms and predicted SQNR</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
