<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>QObject</name>
    <message>
        <source>Shapes could not be inferred without a dataset (%1); layers are listed as in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>Node: %1</source>
        <translation>Knoten: %1</translation>
    </message>
    <message>
        <source>Line: %1</source>
        <translation>Zeile: %1</translation>
    </message>
    <message>
        <source>Sample: %1</source>
        <translation>Beispiel: %1</translation>
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
        <translation>Werkbank für Post-Training-Quantisierung von ONNX-CNNs</translation>
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
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>automatic: the model&apos;s sidecar or the dataset&apos;s usual normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Art:</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Verzeichnis:</translation>
    </message>
    <message>
        <source>Evaluation split:</source>
        <translation>Auswertungsteil:</translation>
    </message>
    <message>
        <source>Preprocessing:</source>
        <translation>Vorverarbeitung:</translation>
    </message>
    <message>
        <source>Evaluation images:</source>
        <translation>Auswertungsbilder:</translation>
    </message>
    <message>
        <source>Calibration images (train):</source>
        <translation>Kalibrierbilder (Training):</translation>
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
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the running job (Esc)</source>
        <translation>Laufenden Auftrag abbrechen (Esc)</translation>
    </message>
    <message>
        <source>ETA %1 s</source>
        <translation>noch %1 s</translation>
    </message>
</context>
<context>
    <name>qs::gui::LayerItemDelegate</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>qs::gui::LayerPanel</name>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>Filter layers by name or op type</source>
        <translation>Schichten nach Name oder Op-Typ filtern</translation>
    </message>
    <message>
        <source>Double-click a config cell to edit it; with several rows selected the edit applies to all of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>%1 of %2 layers</source>
        <translation>%1 von %2 Schichten</translation>
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
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Act min</source>
        <translation>Akt. min</translation>
    </message>
    <message>
        <source>Act max</source>
        <translation>Akt. max</translation>
    </message>
    <message>
        <source>W min</source>
        <translation>G min</translation>
    </message>
    <message>
        <source>W max</source>
        <translation>G max</translation>
    </message>
    <message>
        <source>Bits A</source>
        <translation>Bits A</translation>
    </message>
    <message>
        <source>Bits W</source>
        <translation>Bits G</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Per-channel</source>
        <translation>Pro Kanal</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Clipping</translation>
    </message>
    <message>
        <source>No quant</source>
        <translation>Keine Quant.</translation>
    </message>
    <message>
        <source>No clip</source>
        <translation>Kein Clipping</translation>
    </message>
    <message>
        <source>Override key</source>
        <translation>Override-Schlüssel</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
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
        <translation type="unfinished">Auswerten (Strg+E) fügt einen Lauf hinzu; der erste Lauf ist die FP32-Basislinie.</translation>
    </message>
    <message>
        <source>Last evaluation finished.</source>
        <translation>Letzte Auswertung abgeschlossen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Accuracy vs size</source>
        <translation>Genauigkeit vs. Größe</translation>
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
        <translation>kein Modell</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>kalibriert</translation>
    </message>
    <message>
        <source>not calibrated</source>
        <translation>nicht kalibriert</translation>
    </message>
    <message>
        <source>Could not open the model</source>
        <translation>Das Modell konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Calibration failed</source>
        <translation>Kalibrierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation>Auswertung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Evaluation failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open an ONNX model</source>
        <translation>Ein ONNX-Modell öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Session…</source>
        <translation>&amp;Sitzung öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a saved workbench session</source>
        <translation>Eine gespeicherte Sitzung öffnen</translation>
    </message>
    <message>
        <source>&amp;Save Session</source>
        <translation>Sitzung &amp;speichern</translation>
    </message>
    <message>
        <source>Save the model, data, config and runs</source>
        <translation>Modell, Daten, Konfiguration und Läufe speichern</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>Sitzung speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save the session under a new name</source>
        <translation>Sitzung unter neuem Namen speichern</translation>
    </message>
    <message>
        <source>&amp;Export Runs as CSV…</source>
        <translation>Läufe als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Write the runs table to a CSV file</source>
        <translation>Lauftabelle in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <source>&amp;Import Config (Distiller YAML)…</source>
        <translation>Konfiguration &amp;importieren (Distiller-YAML)…</translation>
    </message>
    <message>
        <source>E&amp;xport Config (Distiller YAML)…</source>
        <translation>Konfiguration e&amp;xportieren (Distiller-YAML)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit QuantScope</source>
        <translation>QuantScope beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Find Layer</source>
        <translation>Schicht &amp;suchen</translation>
    </message>
    <message>
        <source>Filter the layer table</source>
        <translation>Schichttabelle filtern</translation>
    </message>
    <message>
        <source>&amp;Dataset…</source>
        <translation>&amp;Datensatz…</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the evaluation and calibration data</source>
        <translation>Auswertungs- und Kalibrierdaten wählen</translation>
    </message>
    <message>
        <source>&amp;Calibrate</source>
        <translation>&amp;Kalibrieren</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observe activation ranges on calibration images</source>
        <translation>Aktivierungsbereiche auf Kalibrierbildern beobachten</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>&amp;Auswerten</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the current config (and the FP32 baseline first)</source>
        <translation>Aktuelle Konfiguration auswerten (zuerst die FP32-Basislinie)</translation>
    </message>
    <message>
        <source>C&amp;ancel Job</source>
        <translation>Auftrag a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Cancel the running job</source>
        <translation>Laufenden Auftrag abbrechen</translation>
    </message>
    <message>
        <source>&amp;About QuantScope</source>
        <translation>Ü&amp;ber QuantScope</translation>
    </message>
    <message>
        <source>About QuantScope</source>
        <translation>Über QuantScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;QuantScope %1&lt;/b&gt;&lt;br&gt;Post-training quantization workbench for ONNX CNNs on oneDNN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>Die Sitzung konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>QuantScope sessions (*.qsession);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved session</source>
        <translation>Ungespeicherte Sitzung</translation>
    </message>
    <message>
        <source>The session has unsaved changes. Save them first?</source>
        <translation>Die Sitzung hat ungespeicherte Änderungen. Zuerst speichern?</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>Die Sitzung konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <source>QuantScope sessions (*.qsession)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Runs</source>
        <translation>Läufe exportieren</translation>
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
        <translation>Liste leeren</translation>
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
        <translation>Auswerten (Strg+E) fügt einen Lauf hinzu; der erste Lauf ist die FP32-Basislinie.</translation>
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
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
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
        <translation>Δ zu FP32</translation>
    </message>
    <message>
        <source>Size (MB)</source>
        <translation>Größe (MB)</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>Kompression</translation>
    </message>
    <message>
        <source>ms/image</source>
        <translation>ms/Bild</translation>
    </message>
    <message>
        <source>images/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
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
        <translation>%1 wird geladen</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1: %n quantizable layers</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset changed: runs and calibration cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrating</source>
        <translation>Kalibrierung läuft</translation>
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
        <translation>Auswertung läuft</translation>
    </message>
    <message>
        <source>FP32 baseline</source>
        <translation>FP32-Basislinie</translation>
    </message>
    <message>
        <source>FP32 baseline: top-1 %1% on %2 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
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
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sessions do not store calibration statistics: Calibrate again (Ctrl+L) to see histograms and predicted SQNR</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
