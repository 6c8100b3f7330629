<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>QObject</name>
    <message>
        <source>Shapes could not be inferred without a dataset (%1); layers are listed as in the file.</source>
        <translation>Ohne Datensatz konnten die Formen nicht bestimmt werden (%1); die Schichten werden wie in der Datei aufgeführt.</translation>
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
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>output after fused %1</source>
        <translation>Ausgabe nach fusioniertem %1</translation>
    </message>
    <message>
        <source>value %1 · %2 samples · A%3 %4 · configured: %5</source>
        <translation>Wert %1 · %2 Beispiele · A%3 %4 · eingestellt: %5</translation>
    </message>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source> (this output stays FP32)</source>
        <translation> (diese Ausgabe bleibt FP32)</translation>
    </message>
    <message>
        <source> · W%1 weights %2 dB, included in each method&apos;s SQNR</source>
        <translation> · Gewichte W%1: %2 dB, in der SQNR jeder Methode enthalten</translation>
    </message>
    <message>
        <source> (output stays FP32)</source>
        <translation> (Ausgabe bleibt FP32)</translation>
    </message>
    <message>
        <source>importing</source>
        <translation>importieren</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>vorbereiten</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>geladen</translation>
    </message>
    <message>
        <source>the model is not calibrated: run Calibrate first</source>
        <translation>das Modell ist nicht kalibriert: zuerst Kalibrieren ausführen</translation>
    </message>
    <message>
        <source>invalid config for layer &apos;%1&apos;</source>
        <translation>ungültige Konfiguration für Schicht „%1“</translation>
    </message>
    <message>
        <source>cannot write the session: %1</source>
        <translation>die Sitzung kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>cannot read the session: %1</source>
        <translation>die Sitzung kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>not a QuantScope session file</source>
        <translation>keine QuantScope-Sitzungsdatei</translation>
    </message>
    <message>
        <source>session format version %1 is newer than this QuantScope</source>
        <translation>Sitzungsformat-Version %1 ist neuer als dieses QuantScope</translation>
    </message>
    <message>
        <source>the session names no model</source>
        <translation>die Sitzung nennt kein Modell</translation>
    </message>
    <message>
        <source>calibration statistics: %1: %2</source>
        <translation>Kalibrierstatistik: %1: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is missing or not a number</source>
        <translation>„%1“ fehlt oder ist keine Zahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is %2, not a count</source>
        <translation>„%1“ ist %2, keine Anzahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a count</source>
        <translation>„%1“ ist keine Anzahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not true or false</source>
        <translation>„%1“ ist weder true noch false</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a string</source>
        <translation>„%1“ ist keine Zeichenkette</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a list</source>
        <translation>„%1“ ist keine Liste</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an object</source>
        <translation>„%1“ ist kein Objekt</translation>
    </message>
    <message>
        <source>&apos;shape&apos; holds %1, which is not a dimension</source>
        <translation>„shape“ enthält %1, keine Dimension</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a count</source>
        <translation>„%1“ ist keine Anzahl</translation>
    </message>
    <message>
        <source>&apos;shape&apos; is not an array</source>
        <translation>„shape“ ist kein Array</translation>
    </message>
    <message>
        <source>&apos;shape&apos; holds a non-number</source>
        <translation>„shape“ enthält etwas, das keine Zahl ist</translation>
    </message>
    <message>
        <source>min is greater than max</source>
        <translation>min ist größer als max</translation>
    </message>
    <message>
        <source>the histogram&apos;s counts do not match its %1 bins</source>
        <translation>die Zählwerte des Histogramms passen nicht zu seinen %1 Klassen</translation>
    </message>
    <message>
        <source>the histogram&apos;s lo is greater than its hi</source>
        <translation>lo des Histogramms ist größer als hi</translation>
    </message>
    <message>
        <source>session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>the graph input is not named</source>
        <translation>der Graph-Eingang hat keinen Namen</translation>
    </message>
    <message>
        <source>the graph input&apos;s shape has no batch</source>
        <translation>die Form des Graph-Eingangs hat keine Batch-Dimension</translation>
    </message>
    <message>
        <source>value &apos;%1&apos;</source>
        <translation>Wert „%1“</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>the session&apos;s calibration statistics name the value &apos;%1&apos;, which the model does not have (it changed since): calibrate again</source>
        <translation>die Kalibrierstatistik der Sitzung nennt den Wert „%1“, den das Modell nicht hat (es wurde seitdem geändert): erneut kalibrieren</translation>
    </message>
    <message>
        <source>The input shape %1 does not fit %2: %3</source>
        <translation>Die Eingabeform %1 passt nicht zu %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n images of %1 (separate calibration data)</source>
        <translation>
            <numerusform>%n Bild aus %1 (eigene Kalibrierungsdaten)</numerusform>
            <numerusform>%n Bilder aus %1 (eigene Kalibrierungsdaten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n train images</source>
        <translation>
            <numerusform>%n Trainingsbild</numerusform>
            <numerusform>%n Trainingsbilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images of %1, which are also evaluated: the folder has no train split and every image is evaluated (choose separate calibration data in Run › Dataset, or evaluate fewer images)</source>
        <translation>
            <numerusform>%n Bild aus %1, das auch ausgewertet wird: Der Ordner hat keinen Trainingsteil und jedes Bild wird ausgewertet (eigene Kalibrierungsdaten unter Ausführen › Datensatz wählen oder weniger Bilder auswerten)</numerusform>
            <numerusform>%n Bilder aus %1, die auch ausgewertet werden: Der Ordner hat keinen Trainingsteil und jedes Bild wird ausgewertet (eigene Kalibrierungsdaten unter Ausführen › Datensatz wählen oder weniger Bilder auswerten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images of %1 that are not evaluated</source>
        <translation>
            <numerusform>%n nicht ausgewertetes Bild aus %1</numerusform>
            <numerusform>%n nicht ausgewertete Bilder aus %1</numerusform>
        </translation>
    </message>
    <message>
        <source>worst output SQNR vs FP32 (dB)</source>
        <translation>schlechtestes Ausgabe-SQNR gegenüber FP32 (dB)</translation>
    </message>
    <message>
        <source>worst output SQNR %1 dB</source>
        <translation>schlechtestes Ausgabe-SQNR %1 dB</translation>
    </message>
    <message>
        <source>top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <source>top-1 %1%</source>
        <translation>Top-1 %1%</translation>
    </message>
    <message>
        <source>unknown metric &apos;%1&apos; (top1 or fidelity)</source>
        <translation>unbekannte Metrik &apos;%1&apos; (top1 oder fidelity)</translation>
    </message>
    <message>
        <source>run &apos;%1&apos; has an unknown metric &apos;%2&apos;</source>
        <translation>Lauf &apos;%1&apos; hat eine unbekannte Metrik &apos;%2&apos;</translation>
    </message>
</context>
<context>
    <name>RunConfiguration</name>
    <message>
        <source>%1, equalized</source>
        <translation>%1, ausgeglichen</translation>
    </message>
    <message>
        <source>Channels equalized (cross-layer equalization) before calibrating.</source>
        <translation>Kanäle vor dem Kalibrieren ausgeglichen (schichtübergreifender Ausgleich).</translation>
    </message>
    <message>
        <source>per-tensor</source>
        <translation>pro Tensor</translation>
    </message>
    <message>
        <source>no clip</source>
        <translation>kein Clipping</translation>
    </message>
    <message>
        <source>1 layer %1</source>
        <translation>1 Schicht %1</translation>
    </message>
    <message numerus="yes">
        <source>%n layers %1</source>
        <translation>
            <numerusform>%n Schicht %1</numerusform>
            <numerusform>%n Schichten %1</numerusform>
        </translation>
    </message>
    <message>
        <source>1 other layer</source>
        <translation>1 weitere Schicht</translation>
    </message>
    <message numerus="yes">
        <source>%n other layers</source>
        <translation>
            <numerusform>%n weitere Schicht</numerusform>
            <numerusform>%n weitere Schichten</numerusform>
        </translation>
    </message>
    <message>
        <source>mixed: %1</source>
        <translation>gemischt: %1</translation>
    </message>
    <message>
        <source>%1 on %2 of %3 layers</source>
        <translation>%1 auf %2 von %3 Schichten</translation>
    </message>
    <message>
        <source>No layer differs.</source>
        <translation>Keine Schicht weicht ab.</translation>
    </message>
    <message>
        <source>Layers that differ:</source>
        <translation>Abweichende Schichten:</translation>
    </message>
    <message>
        <source>Double-click for every layer&apos;s settings; select two runs to compare them (context menu).</source>
        <translation>Doppelklick zeigt die Einstellungen jeder Schicht; zwei Läufe auswählen, um sie zu vergleichen (Kontextmenü).</translation>
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
        <translation>Das Demomodell laden, auswerten, Bildschirmfotos main_*.png in DIR speichern und beenden.</translation>
    </message>
    <message>
        <source>An ONNX model or a .qsession file to open.</source>
        <translation>Ein zu öffnendes ONNX-Modell oder eine .qsession-Datei.</translation>
    </message>
    <message>
        <source>Time startup with the demo model and a re-evaluation after editing one layer, print both and quit.</source>
        <translation>Den Start mit dem Demomodell und eine erneute Auswertung nach Ändern einer Schicht messen, beide Zeiten ausgeben und beenden.</translation>
    </message>
    <message>
        <source>With --benchmark: print one JSON line.</source>
        <translation>Mit --benchmark: eine JSON-Zeile ausgeben.</translation>
    </message>
    <message>
        <source>Open the model with --data, calibrate, evaluate three configs by fidelity to FP32, save DIR/real_model_fidelity.png and quit.</source>
        <translation>Das Modell mit --data öffnen, kalibrieren, drei Konfigurationen nach Treue zu FP32 auswerten, DIR/real_model_fidelity.png speichern und beenden.</translation>
    </message>
    <message>
        <source>With --screenshot-fidelity: the data, KIND:PATH.</source>
        <translation>Mit --screenshot-fidelity: die Daten, KIND:PATH.</translation>
    </message>
    <message>
        <source>With --screenshot-fidelity: the preprocessing.</source>
        <translation>Mit --screenshot-fidelity: die Vorverarbeitung.</translation>
    </message>
    <message>
        <source>With --screenshot-fidelity: the shape of the model&apos;s dynamic inputs.</source>
        <translation>Mit --screenshot-fidelity: die Form der dynamischen Eingaben des Modells.</translation>
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
        <translation>automatisch: Begleitdatei des Modells oder die übliche Normalisierung des Datensatzes</translation>
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
        <source>Dataset directory</source>
        <translation>Datensatzverzeichnis</translation>
    </message>
    <message>
        <source>Preprocessing: %1</source>
        <translation>Vorverarbeitung: %1</translation>
    </message>
    <message>
        <source>Choose the dataset directory.</source>
        <translation>Wählen Sie das Datensatzverzeichnis.</translation>
    </message>
    <message>
        <source>none: the train split; for an image folder, its images that are not evaluated</source>
        <translation>keine: der Trainingsteil; bei einem Bildordner dessen nicht ausgewertete Bilder</translation>
    </message>
    <message>
        <source>Other data to calibrate on, as KIND:PATH (e.g. images:/data/calib). Image and tensor folders have no train split: without this, calibration uses the folder&apos;s images that are not evaluated, or, when every image is evaluated, the evaluated ones (the log says which).</source>
        <translation>Andere Daten zum Kalibrieren, als KIND:PATH (z. B. images:/data/calib). Bild- und Tensorordner haben keinen Trainingsteil: Ohne diese Angabe kalibriert QuantScope auf den nicht ausgewerteten Bildern des Ordners oder, wenn jedes Bild ausgewertet wird, auf den ausgewerteten (das Protokoll sagt, auf welchen).</translation>
    </message>
    <message>
        <source>Calibration images:</source>
        <translation>Kalibrierungsbilder:</translation>
    </message>
    <message>
        <source>Calibration data:</source>
        <translation>Kalibrierungsdaten:</translation>
    </message>
    <message>
        <source>Calibration data: %1</source>
        <translation>Kalibrierungsdaten: %1</translation>
    </message>
</context>
<context>
    <name>qs::gui::GraphPanel</name>
    <message>
        <source>Open a model to see its graph.</source>
        <translation>Ein Modell öffnen, um seinen Graphen zu sehen.</translation>
    </message>
    <message>
        <source>The graph cannot be shown: %1</source>
        <translation>Der Graph kann nicht angezeigt werden: %1</translation>
    </message>
</context>
<context>
    <name>qs::gui::JobRunner</name>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
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
        <translation>Doppelklick auf eine Konfigurationszelle bearbeitet sie; sind mehrere Zeilen ausgewählt, gilt die Änderung für alle</translation>
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
        <translation>Beobachteter Bereich der Schichtausgabe (Kalibrieren)</translation>
    </message>
    <message>
        <source>Range of the layer&apos;s weights (BatchNorm folded)</source>
        <translation>Bereich der Schichtgewichte (BatchNorm eingefaltet)</translation>
    </message>
    <message>
        <source>Activation clipping method (Distiller names)</source>
        <translation>Clipping-Methode der Aktivierungen (Distiller-Namen)</translation>
    </message>
    <message>
        <source>The config override that matched this layer</source>
        <translation>Der Konfigurations-Override, der auf diese Schicht zutrifft</translation>
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
        <translation>Kalibrieren ausführen, um Aktivierungsbereiche zu beobachten</translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation>%1 von %2 setzen</translation>
    </message>
    <message numerus="yes">
        <source>Set %1 of %n layers</source>
        <translation>
            <numerusform>%1 von %n Schicht setzen</numerusform>
            <numerusform>%1 von %n Schichten setzen</numerusform>
        </translation>
    </message>
    <message>
        <source>Predicted signal-to-quantization-noise ratio of the layer&apos;s output under its config (from the calibration histogram)</source>
        <translation>Vorhergesagtes Signal-Quantisierungsrausch-Verhältnis der Schichtausgabe mit ihrer Konfiguration (aus dem Kalibrier-Histogramm)</translation>
    </message>
    <message>
        <source>pred. SQNR (dB)</source>
        <translation>vorherges. SQNR (dB)</translation>
    </message>
    <message>
        <source>No override: the global settings apply</source>
        <translation>Kein Override: die globalen Einstellungen gelten</translation>
    </message>
    <message>
        <source>The layer&apos;s own settings; Export writes them under this key</source>
        <translation>Eigene Einstellungen der Schicht; der Export schreibt sie unter diesem Schlüssel</translation>
    </message>
    <message>
        <source>Set by the override &apos;%1&apos; of the imported config</source>
        <translation>Gesetzt durch den Override „%1“ der importierten Konfiguration</translation>
    </message>
    <message>
        <source>The output of %1 stays FP32 (graph output or read by an FP32 op); only its input is quantized</source>
        <translation>Die Ausgabe von %1 bleibt FP32 (Graph-Ausgabe oder von einer FP32-Op gelesen); nur ihre Eingabe wird quantisiert</translation>
    </message>
    <message>
        <source>Run Calibrate to predict the SQNR</source>
        <translation>Kalibrieren ausführen, um das SQNR vorherzusagen</translation>
    </message>
    <message>
        <source>Predicted from the calibration histogram of %1 with the %2 range, and from the layer&apos;s weights on their grid</source>
        <translation>Vorhergesagt aus dem Kalibrier-Histogramm von %1 mit dem Bereich %2 und aus den Gewichten der Schicht auf ihrem Raster</translation>
    </message>
    <message>
        <source>Runs in FP32 whatever its settings: %1</source>
        <translation>Läuft unabhängig von den Einstellungen in FP32: %1</translation>
    </message>
    <message>
        <source>Observed range of %1</source>
        <translation>Beobachteter Bereich von %1</translation>
    </message>
    <message>
        <source>Observed range of %1 (after the fused %2)</source>
        <translation>Beobachteter Bereich von %1 (nach dem fusionierten %2)</translation>
    </message>
    <message>
        <source>Range method for the activations; the histogram panel compares them all</source>
        <translation>Bereichsmethode für die Aktivierungen; das Histogramm-Fenster vergleicht alle</translation>
    </message>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source>FP32 out</source>
        <translation>FP32-Ausgabe</translation>
    </message>
    <message>
        <source>(global)</source>
        <translation>(global)</translation>
    </message>
    <message>
        <source>Measured SQNR of the layer&apos;s output against FP32 with the whole model in int8 (Run › Analyze Layers)</source>
        <translation>Gemessenes SQNR der Ausgabe der Schicht gegenüber FP32 mit dem ganzen Modell in int8 (Ausführen › Schichten analysieren)</translation>
    </message>
    <message>
        <source>Measured SQNR of the layer&apos;s output against FP32 with only this layer in int8 (Run › Analyze Layers)</source>
        <translation>Gemessenes SQNR der Ausgabe der Schicht gegenüber FP32, nur diese Schicht in int8 (Ausführen › Schichten analysieren)</translation>
    </message>
    <message>
        <source>Real int8 (oneDNN) minus its fake-quantization simulation, in dB; flagged beyond %1 dB, where a simulation-only tool would mislead</source>
        <translation>Echtes int8 (oneDNN) minus seine Fake-Quantisierungs-Simulation, in dB; markiert ab %1 dB, wo ein Werkzeug, das nur simuliert, in die Irre führen würde</translation>
    </message>
    <message>
        <source>SQNR accum</source>
        <translation>SQNR kumul.</translation>
    </message>
    <message>
        <source>SQNR isolated</source>
        <translation>SQNR isoliert</translation>
    </message>
    <message>
        <source>int8 vs sim</source>
        <translation>int8 vs. Sim.</translation>
    </message>
    <message>
        <source>Run › Analyze Layers to measure the SQNR of every int8 layer against FP32</source>
        <translation>Ausführen › Schichten analysieren misst das SQNR jeder int8-Schicht gegenüber FP32</translation>
    </message>
    <message>
        <source>Not measured: the layer does not run in int8 under the analyzed config</source>
        <translation>Nicht gemessen: die Schicht läuft unter der analysierten Konfiguration nicht in int8</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;accumulated, whole model int8: %3 dB on oneDNN, %4 dB simulated&lt;br&gt;isolated, only this layer int8: %5 dB on oneDNN, %6 dB simulated</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;kumuliert, ganzes Modell int8: %3 dB auf oneDNN, %4 dB simuliert&lt;br&gt;isoliert, nur diese Schicht int8: %5 dB auf oneDNN, %6 dB simuliert</translation>
    </message>
    <message>
        <source>&lt;br&gt;predicted from the histogram: %1 dB</source>
        <translation>&lt;br&gt;aus dem Histogramm vorhergesagt: %1 dB</translation>
    </message>
    <message>
        <source>&lt;br&gt;Real int8 and its simulation differ by more than %1 dB here.</source>
        <translation>&lt;br&gt;Echtes int8 und seine Simulation unterscheiden sich hier um mehr als %1 dB.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Measured under an earlier config: Run › Analyze Layers again.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Unter einer früheren Konfiguration gemessen: Ausführen › Schichten analysieren erneut.&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>qs::gui::MainWindow</name>
    <message>
        <source>E&amp;qualize Channels Before Calibrating</source>
        <translation>Kanäle vor dem Kalibrieren &amp;ausgleichen</translation>
    </message>
    <message>
        <source>Rescale the weights of consecutive convolutions so their channels share one range (cross-layer equalization); clears the calibration, analyses and runs</source>
        <translation>Die Gewichte aufeinanderfolgender Faltungen so skalieren, dass ihre Kanäle einen gemeinsamen Bereich haben (schichtübergreifender Ausgleich); verwirft Kalibrierung, Analysen und Läufe</translation>
    </message>
    <message>
        <source>Evaluate (Ctrl+E) to add a run; the first run is the FP32 baseline.</source>
        <translation>Auswerten (Strg+E) fügt einen Lauf hinzu; der erste Lauf ist die FP32-Basislinie.</translation>
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
        <translation>QuantScope</translation>
    </message>
    <message>
        <source>%1[*] — QuantScope</source>
        <translation>%1[*] — QuantScope</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>kein Modell</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
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
        <translation>Auswertung fehlgeschlagen.</translation>
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
        <translation>Ctrl+Shift+O</translation>
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
        <translation>Ctrl+D</translation>
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
        <translation>Ctrl+L</translation>
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
        <translation>Ctrl+E</translation>
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
        <source>&amp;User Guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>The workflow, the keyboard shortcuts, the clip methods and the modes</source>
        <translation>Arbeitsablauf, Tastenkürzel, Clip-Methoden und Modi</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List the keyboard shortcuts</source>
        <translation>Die Tastenkürzel auflisten</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>QuantScope User Guide</source>
        <translation>QuantScope-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&lt;p&gt;In the layer table, F2 or typing edits the current cell; with several rows selected a change applies to all of them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;In der Schichttabelle bearbeitet F2 oder Tippen die aktuelle Zelle; sind mehrere Zeilen ausgewählt, gilt eine Änderung für alle.&lt;/p&gt;</translation>
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
        <translation>&lt;b&gt;QuantScope %1&lt;/b&gt;&lt;br&gt;Werkbank für Post-Training-Quantisierung von ONNX-CNNs auf oneDNN.</translation>
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
        <translation>%1 wird geöffnet</translation>
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
        <translation>ONNX-Modelle (*.onnx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>QuantScope sessions (*.qsession);;All files (*)</source>
        <translation>QuantScope-Sitzungen (*.qsession);;Alle Dateien (*)</translation>
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
        <translation>QuantScope-Sitzungen (*.qsession)</translation>
    </message>
    <message>
        <source>Export Runs</source>
        <translation>Läufe exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Runs exported to %1</source>
        <translation>Läufe nach %1 exportiert</translation>
    </message>
    <message>
        <source>Could not export the runs</source>
        <translation>Die Läufe konnten nicht exportiert werden</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Activation histogram</source>
        <translation>Aktivierungshistogramm</translation>
    </message>
    <message>
        <source>Weight ranges</source>
        <translation>Gewichtsbereiche</translation>
    </message>
    <message>
        <source>Observer comparison</source>
        <translation>Observer-Vergleich</translation>
    </message>
    <message>
        <source>Apply a Distiller PostTrainLinearQuantizer YAML config to the layers (undoable)</source>
        <translation>Eine Distiller-PostTrainLinearQuantizer-YAML-Konfiguration auf die Schichten anwenden (rückgängig machbar)</translation>
    </message>
    <message>
        <source>Write the layer settings as a Distiller YAML config (usable with --qe-config-file)</source>
        <translation>Die Schichteinstellungen als Distiller-YAML-Konfiguration schreiben (verwendbar mit --qe-config-file)</translation>
    </message>
    <message>
        <source>Export Config</source>
        <translation>Konfiguration exportieren</translation>
    </message>
    <message>
        <source>YAML files (*.yaml *.yml)</source>
        <translation>YAML-Dateien (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Config exported to %1</source>
        <translation>Konfiguration nach %1 exportiert</translation>
    </message>
    <message>
        <source>Could not export the config</source>
        <translation>Die Konfiguration konnte nicht exportiert werden</translation>
    </message>
    <message>
        <source>Import Config</source>
        <translation>Konfiguration importieren</translation>
    </message>
    <message>
        <source>Could not import the config; nothing was changed</source>
        <translation>Die Konfiguration konnte nicht importiert werden; nichts wurde geändert</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>&amp;Layout zurücksetzen</translation>
    </message>
    <message>
        <source>Show the layer table, the histogram, the runs and accuracy vs size side by side again</source>
        <translation>Schichttabelle, Histogramm, Läufe und Genauigkeit vs. Größe wieder nebeneinander zeigen</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>Graph</translation>
    </message>
    <message>
        <source>Layer errors</source>
        <translation>Schichtfehler</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Sensitivität</translation>
    </message>
    <message>
        <source>Layer analysis failed</source>
        <translation>Schichtanalyse fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sensitivity sweep failed</source>
        <translation>Sensitivitäts-Durchlauf fehlgeschlagen</translation>
    </message>
    <message>
        <source>Auto mixed precision failed</source>
        <translation>Automatische gemischte Präzision fehlgeschlagen</translation>
    </message>
    <message>
        <source>Analyze &amp;Layers</source>
        <translation>Schichten ana&amp;lysieren</translation>
    </message>
    <message>
        <source>Measure every int8 layer&apos;s SQNR against FP32 (whole model and layer alone, real int8 and simulated) on the first %1 evaluation images</source>
        <translation>Das SQNR jeder int8-Schicht gegenüber FP32 messen (ganzes Modell und Schicht allein, echtes int8 und simuliert), auf den ersten %1 Auswertungsbildern</translation>
    </message>
    <message>
        <source>&amp;Sensitivity Sweep</source>
        <translation>&amp;Sensitivitäts-Durchlauf</translation>
    </message>
    <message>
        <source>Probe every layer alone at 8, 6 and 4 bits, and the model with only that layer in FP32, on the first %1 evaluation images</source>
        <translation>Jede Schicht allein mit 8, 6 und 4 Bit prüfen und das Modell mit nur dieser Schicht in FP32, auf den ersten %1 Auswertungsbildern</translation>
    </message>
    <message>
        <source>Auto &amp;Mixed Precision…</source>
        <translation>Automatische &amp;gemischte Präzision…</translation>
    </message>
    <message>
        <source>Search per-layer weight widths that make the model smallest within a top-1 budget</source>
        <translation>Gewichtsbreiten je Schicht suchen, die das Modell innerhalb eines Top-1-Budgets am kleinsten machen</translation>
    </message>
    <message>
        <source>A&amp;pply Mixed Precision</source>
        <translation>Gemischte Präzision &amp;übernehmen</translation>
    </message>
    <message>
        <source>Put the widths the last search chose into the layer table (undoable)</source>
        <translation>Die von der letzten Suche gewählten Breiten in die Schichttabelle übernehmen (rückgängig machbar)</translation>
    </message>
    <message>
        <source>Input &amp;Shape…</source>
        <translation>Eingabe&amp;form…</translation>
    </message>
    <message>
        <source>Give the shape of the model&apos;s dynamic inputs (e.g. 1x3x320x320)</source>
        <translation>Die Form der dynamischen Eingaben des Modells angeben (z. B. 1x3x320x320)</translation>
    </message>
    <message>
        <source>The shape the model runs at where it leaves input dims dynamic.</source>
        <translation>Die Form, in der das Modell läuft, wo es Eingabedimensionen dynamisch lässt.</translation>
    </message>
    <message>
        <source>Export &amp;Quantized Model (ONNX QDQ)…</source>
        <translation>&amp;Quantisiertes Modell exportieren (ONNX QDQ)…</translation>
    </message>
    <message>
        <source>Write the model with the table&apos;s quantization as an ONNX QDQ model (int8 weights; ONNX Runtime runs it on its int8 kernels)</source>
        <translation>Das Modell mit der Quantisierung der Tabelle als ONNX-QDQ-Modell schreiben (int8-Gewichte; ONNX Runtime führt es auf seinen int8-Kernels aus)</translation>
    </message>
    <message>
        <source>Export Quantized Model</source>
        <translation>Quantisiertes Modell exportieren</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX-Modelle (*.onnx)</translation>
    </message>
    <message>
        <source>Exporting the quantized model to %1…</source>
        <translation>Quantisiertes Modell wird nach %1 exportiert…</translation>
    </message>
    <message>
        <source>Quantized model exported to %1</source>
        <translation>Quantisiertes Modell nach %1 exportiert</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Could not export the quantized model</source>
        <translation>Das quantisierte Modell konnte nicht exportiert werden</translation>
    </message>
</context>
<context>
    <name>qs::gui::PlotDocks</name>
    <message>
        <source>Output (what the layer&apos;s activation settings quantize)</source>
        <translation>Ausgabe (was die Aktivierungseinstellungen der Schicht quantisieren)</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Histogram of the selected layer&apos;s</source>
        <translation>Histogramm der ausgewählten Schicht:</translation>
    </message>
    <message>
        <source>Calibrate (Ctrl+L), then select a layer to see its activation histogram with the range every method picks.</source>
        <translation>Kalibrieren (Strg+L) und dann eine Schicht auswählen, um ihr Aktivierungshistogramm mit dem Bereich jeder Methode zu sehen.</translation>
    </message>
    <message>
        <source>Select a layer in the table to see its activation histogram.</source>
        <translation>Eine Schicht in der Tabelle auswählen, um ihr Aktivierungshistogramm zu sehen.</translation>
    </message>
    <message>
        <source>Select a layer in the table to see the range of each output channel of its weights.</source>
        <translation>Eine Schicht in der Tabelle auswählen, um den Bereich jedes Ausgabekanals ihrer Gewichte zu sehen.</translation>
    </message>
    <message>
        <source>Calibrate (Ctrl+L) to compare the range every method picks, layer by layer.</source>
        <translation>Kalibrieren (Strg+L), um die Bereiche aller Methoden Schicht für Schicht zu vergleichen.</translation>
    </message>
</context>
<context>
    <name>qs::gui::RunConfigDialog</name>
    <message>
        <source>Configuration of %1</source>
        <translation>Konfiguration von %1</translation>
    </message>
    <message>
        <source>This run&apos;s per-layer configuration was not stored (a session from an older QuantScope).</source>
        <translation>Die Schichtkonfiguration dieses Laufs wurde nicht gespeichert (Sitzung aus einer älteren QuantScope-Version).</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: every layer at %2.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: jede Schicht mit %2.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 of %3 layers at %4; the layers in bold differ.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 von %3 Schichten mit %4; die fett gedruckten Schichten weichen ab.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Runs as</source>
        <translation>Läuft als</translation>
    </message>
    <message>
        <source>Bits W</source>
        <translation>Bits G</translation>
    </message>
    <message>
        <source>Bits A</source>
        <translation>Bits A</translation>
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
        <source>quantized</source>
        <translation>quantisiert</translation>
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
        <source>%1 vs %2</source>
        <translation>%1 vs. %2</translation>
    </message>
    <message>
        <source>The per-layer configuration of %1 was not stored (a session from an older QuantScope).</source>
        <translation>Die Schichtkonfiguration von %1 wurde nicht gespeichert (Sitzung aus einer älteren QuantScope-Version).</translation>
    </message>
    <message>
        <source>%1 and %2 evaluated the same settings on all %3 layers.</source>
        <translation>%1 und %2 haben auf allen %3 Schichten dieselben Einstellungen ausgewertet.</translation>
    </message>
    <message>
        <source>%1 of %2 layers differ between %3 and %4.</source>
        <translation>%1 von %2 Schichten unterscheiden sich zwischen %3 und %4.</translation>
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
        <translation>Konfiguration wiederherstellen</translation>
    </message>
    <message>
        <source>Load the per-layer config the selected run evaluated into the layer table (undoable)</source>
        <translation>Die vom ausgewählten Lauf ausgewertete Schichtkonfiguration in die Schichttabelle laden (rückgängig machbar)</translation>
    </message>
    <message>
        <source>Show Configuration…</source>
        <translation>Konfiguration anzeigen…</translation>
    </message>
    <message>
        <source>Compare Runs…</source>
        <translation>Läufe vergleichen…</translation>
    </message>
    <message>
        <source>List every layer&apos;s settings in the selected run</source>
        <translation>Die Einstellungen jeder Schicht im ausgewählten Lauf auflisten</translation>
    </message>
    <message>
        <source>List the layers whose settings differ between the two selected runs</source>
        <translation>Die Schichten auflisten, deren Einstellungen sich zwischen den zwei ausgewählten Läufen unterscheiden</translation>
    </message>
    <message>
        <source>Top-1 accuracy</source>
        <translation>Top-1-Genauigkeit</translation>
    </message>
    <message>
        <source>Fidelity to FP32 (SQNR)</source>
        <translation>Treue zu FP32 (SQNR)</translation>
    </message>
    <message>
        <source>What an evaluation measures and the plot shows: top-1 needs labels and a single-output classifier; fidelity compares every output of the quantized model with FP32&apos;s</source>
        <translation>Was eine Auswertung misst und das Diagramm zeigt: Top-1 braucht Labels und einen Klassifikator mit einer Ausgabe; die Treue vergleicht jede Ausgabe des quantisierten Modells mit der von FP32</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>Metrik:</translation>
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
    <message>
        <source>This run&apos;s per-layer configuration was not stored (a session from an older QuantScope).</source>
        <translation>Die Schichtkonfiguration dieses Laufs wurde nicht gespeichert (Sitzung aus einer älteren QuantScope-Version).</translation>
    </message>
    <message>
        <source>SQNR vs FP32 (dB)</source>
        <translation>SQNR ggü. FP32 (dB)</translation>
    </message>
    <message>
        <source>Top-1 agree %</source>
        <translation>Top-1-Übereinst. %</translation>
    </message>
    <message numerus="yes">
        <source>Fidelity to FP32 on %n images, per output:</source>
        <translation>
            <numerusform>Treue zu FP32 auf %n Bild, je Ausgabe:</numerusform>
            <numerusform>Treue zu FP32 auf %n Bildern, je Ausgabe:</numerusform>
        </translation>
    </message>
    <message>
        <source>  %1: SQNR %2 dB, cosine %3, max abs error %4</source>
        <translation>  %1: SQNR %2 dB, Kosinus %3, max. abs. Fehler %4</translation>
    </message>
    <message>
        <source>Top-1 agreement with FP32: %1%</source>
        <translation>Top-1-Übereinstimmung mit FP32: %1%</translation>
    </message>
</context>
<context>
    <name>qs::gui::Workbench</name>
    <message>
        <source>Channels are equalized before calibrating (cross-layer equalization): calibration, analyses and runs cleared</source>
        <translation>Kanäle werden vor dem Kalibrieren ausgeglichen (schichtübergreifender Ausgleich): Kalibrierung, Analysen und Läufe verworfen</translation>
    </message>
    <message>
        <source>Channels are no longer equalized before calibrating: calibration, analyses and runs cleared</source>
        <translation>Kanäle werden vor dem Kalibrieren nicht mehr ausgeglichen: Kalibrierung, Analysen und Läufe verworfen</translation>
    </message>
    <message>
        <source>Preparing %1</source>
        <translation>%1 wird vorbereitet</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 abgebrochen</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>%1 wird geladen</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1: %n quantizable layers</source>
        <translation>
            <numerusform>%1 geladen: %n quantisierbare Schicht</numerusform>
            <numerusform>%1 geladen: %n quantisierbare Schichten</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset changed: runs and calibration cleared</source>
        <translation>Datensatz geändert: Läufe und Kalibrierung verworfen</translation>
    </message>
    <message>
        <source>Calibrating</source>
        <translation>Kalibrierung läuft</translation>
    </message>
    <message>
        <source>%1: top-1 %2% after %3 of %4 images</source>
        <translation>%1: Top-1 %2% nach %3 von %4 Bildern</translation>
    </message>
    <message>
        <source>int8</source>
        <translation>int8</translation>
    </message>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
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
        <translation>FP32-Basislinie: Top-1 %1% auf %2 Bildern</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>%1 (%2): top-1 %3% on %4 images</source>
        <translation>%1 (%2): Top-1 %3% auf %4 Bildern</translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation>Sitzung nach %1 gespeichert</translation>
    </message>
    <message>
        <source>Session config names layer &apos;%1&apos;, which the model does not have; ignored</source>
        <translation>Die Sitzungskonfiguration nennt die Schicht „%1“, die das Modell nicht hat; ignoriert</translation>
    </message>
    <message>
        <source>The session&apos;s layer analyses were not restored: they measured calibration statistics that were not restored</source>
        <translation>Die Schichtanalysen der Sitzung wurden nicht wiederhergestellt: Sie beruhen auf Kalibrierungsstatistiken, die nicht wiederhergestellt wurden</translation>
    </message>
    <message>
        <source>The session&apos;s analyses name layers the model does not have (%1); ignored</source>
        <translation>Die Analysen der Sitzung nennen Schichten, die das Modell nicht hat (%1); ignoriert</translation>
    </message>
    <message>
        <source>Calibrated statistics and histograms on %1 train images</source>
        <translation>Statistiken und Histogramme auf %1 Trainingsbildern kalibriert</translation>
    </message>
    <message>
        <source>Restore the config of %1</source>
        <translation>Konfiguration von %1 wiederherstellen</translation>
    </message>
    <message numerus="yes">
        <source>Restored the config of %1 (%n layers changed)</source>
        <translation>
            <numerusform>Konfiguration von %1 wiederhergestellt (%n Schicht geändert)</numerusform>
            <numerusform>Konfiguration von %1 wiederhergestellt (%n Schichten geändert)</numerusform>
        </translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1: %n layers changed</source>
        <translation>
            <numerusform>%1 importiert: %n Schicht geändert</numerusform>
            <numerusform>%1 importiert: %n Schichten geändert</numerusform>
        </translation>
    </message>
    <message>
        <source>The session&apos;s calibration statistics were not restored: %1</source>
        <translation>Die Kalibrierstatistik der Sitzung wurde nicht wiederhergestellt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Restored the calibration statistics and histograms of %n values on %1 train images from the session</source>
        <translation>
            <numerusform>Kalibrierstatistik und Histogramm von %n Wert auf %1 Trainingsbildern aus der Sitzung wiederhergestellt</numerusform>
            <numerusform>Kalibrierstatistiken und Histogramme von %n Werten auf %1 Trainingsbildern aus der Sitzung wiederhergestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>This session comes from an older QuantScope that stored ranges only: Calibrate again (Ctrl+L) to see histograms and predicted SQNR</source>
        <translation>Diese Sitzung stammt aus einem älteren QuantScope, das nur Bereiche speicherte: erneut kalibrieren (Strg+L), um Histogramme und vorhergesagtes SQNR zu sehen</translation>
    </message>
    <message>
        <source>cannot write the CSV: %1</source>
        <translation>die CSV-Datei kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>open a model first</source>
        <translation>zuerst ein Modell öffnen</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; is not in the model</source>
        <translation>Schicht „%1“ ist nicht im Modell</translation>
    </message>
    <message>
        <source>Analyzing layers</source>
        <translation>Schichten werden analysiert</translation>
    </message>
    <message numerus="yes">
        <source>Measured the SQNR of %n layers against FP32 on %1 images in %2 s</source>
        <translation>
            <numerusform>SQNR von %n Schicht gegenüber FP32 auf %1 Bildern in %2 s gemessen</numerusform>
            <numerusform>SQNR von %n Schichten gegenüber FP32 auf %1 Bildern in %2 s gemessen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Real int8 and its simulation differ by more than 1 dB on %n layers (column &quot;int8 vs sim&quot;)</source>
        <translation>
            <numerusform>Echtes int8 und seine Simulation unterscheiden sich auf %n Schicht um mehr als 1 dB (Spalte „int8 vs. Sim.“)</numerusform>
            <numerusform>Echtes int8 und seine Simulation unterscheiden sich auf %n Schichten um mehr als 1 dB (Spalte „int8 vs. Sim.“)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sensitivity sweep</source>
        <translation>Sensitivitäts-Durchlauf</translation>
    </message>
    <message numerus="yes">
        <source>Sensitivity sweep: %n probes on %1 images in %2 s</source>
        <translation>
            <numerusform>Sensitivitäts-Durchlauf: %n Probe auf %1 Bildern in %2 s</numerusform>
            <numerusform>Sensitivitäts-Durchlauf: %n Proben auf %1 Bildern in %2 s</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto mixed precision</source>
        <translation>Automatische gemischte Präzision</translation>
    </message>
    <message numerus="yes">
        <source>Auto mixed precision: %n candidates evaluated in %1 s; the chosen one is %2 % smaller than the uniform configuration. Run › Apply Mixed Precision puts its widths into the table.</source>
        <translation>
            <numerusform>Automatische gemischte Präzision: %n Kandidat in %1 s ausgewertet; der gewählte ist %2 % kleiner als die einheitliche Konfiguration. Ausführen › Gemischte Präzision übernehmen setzt seine Breiten in die Tabelle.</numerusform>
            <numerusform>Automatische gemischte Präzision: %n Kandidaten in %1 s ausgewertet; der gewählte ist %2 % kleiner als die einheitliche Konfiguration. Ausführen › Gemischte Präzision übernehmen setzt seine Breiten in die Tabelle.</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto %1</source>
        <translation>Auto %1</translation>
    </message>
    <message>
        <source>%1 (chosen)</source>
        <translation>%1 (gewählt)</translation>
    </message>
    <message>
        <source>%1 (over budget)</source>
        <translation>%1 (über Budget)</translation>
    </message>
    <message>
        <source>%1 (not closer to FP32)</source>
        <translation>%1 (nicht näher an FP32)</translation>
    </message>
    <message>
        <source> (not closer to FP32: reverted)</source>
        <translation> (nicht näher an FP32: zurückgenommen)</translation>
    </message>
    <message>
        <source>%1: %2, top-1 %3%, %4 MB%5%6</source>
        <translation>%1: %2, Top-1 %3 %, %4 MB%5%6</translation>
    </message>
    <message>
        <source> (over budget: reverted)</source>
        <translation> (über Budget: zurückgenommen)</translation>
    </message>
    <message>
        <source>%1 (not faster)</source>
        <translation>%1 (nicht schneller)</translation>
    </message>
    <message>
        <source> (not faster: reverted)</source>
        <translation> (nicht schneller: zurückgenommen)</translation>
    </message>
    <message>
        <source>, %1 ms at batch 1</source>
        <translation>, %1 ms bei Batch 1</translation>
    </message>
    <message>
        <source>Auto mixed precision: the chosen configuration runs in %1 ms at batch 1 (uniform %2 ms, FP32 %3 ms), measured on this CPU.</source>
        <translation>Automatische gemischte Präzision: die gewählte Konfiguration läuft in %1 ms bei Batch 1 (einheitlich %2 ms, FP32 %3 ms), gemessen auf dieser CPU.</translation>
    </message>
    <message>
        <source>Apply mixed precision</source>
        <translation>Gemischte Präzision übernehmen</translation>
    </message>
    <message numerus="yes">
        <source>Applied the chosen mixed precision: %n layers changed</source>
        <translation>
            <numerusform>Gewählte gemischte Präzision übernommen: %n Schicht geändert</numerusform>
            <numerusform>Gewählte gemischte Präzision übernommen: %n Schichten geändert</numerusform>
        </translation>
    </message>
    <message>
        <source>The input shape or preprocessing for %1 was not used: %2</source>
        <translation>Die Eingabeform oder Vorverarbeitung für %1 wurde nicht verwendet: %2</translation>
    </message>
    <message>
        <source>%1 leaves input dims dynamic (%2) and neither its preprocessing nor the data fixes them.</source>
        <translation>%1 lässt Eingabedimensionen dynamisch (%2), und weder seine Vorverarbeitung noch die Daten legen sie fest.</translation>
    </message>
    <message>
        <source>%1 needs an input shape: give it in Run › Input Shape</source>
        <translation>%1 braucht eine Eingabeform: unter Ausführen › Eingabeform angeben</translation>
    </message>
    <message numerus="yes">
        <source>Calibrated statistics and histograms of %n values on %1</source>
        <translation>
            <numerusform>Statistiken und Histogramme von %n Wert auf %1 kalibriert</numerusform>
            <numerusform>Statistiken und Histogramme von %n Werten auf %1 kalibriert</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: worst output SQNR %2 dB vs FP32 after %3 of %4 images</source>
        <translation>%1: schlechtestes Ausgabe-SQNR %2 dB ggü. FP32 nach %3 von %4 Bildern</translation>
    </message>
    <message>
        <source>every layer is FP32: fidelity compares a quantized model with FP32, so there is nothing to measure</source>
        <translation>jede Schicht ist FP32: Die Treue vergleicht ein quantisiertes Modell mit FP32, es gibt also nichts zu messen</translation>
    </message>
    <message>
        <source>%1 (%2): worst output SQNR %3 dB vs FP32 on %4 images (%5)</source>
        <translation>%1 (%2): schlechtestes Ausgabe-SQNR %3 dB ggü. FP32 auf %4 Bildern (%5)</translation>
    </message>
    <message>
        <source>Open a model first.</source>
        <translation>Zuerst ein Modell öffnen.</translation>
    </message>
    <message>
        <source>Give a shape such as 1x3x320x320.</source>
        <translation>Eine Form wie 1x3x320x320 angeben.</translation>
    </message>
    <message>
        <source>Input shape &apos;%1&apos; not used for %2: %3</source>
        <translation>Eingabeform &apos;%1&apos; für %2 nicht verwendet: %3</translation>
    </message>
    <message>
        <source>Input shape of %1: %2 (remembered for this model)</source>
        <translation>Eingabeform von %1: %2 (für dieses Modell gespeichert)</translation>
    </message>
    <message>
        <source>the model is not calibrated: run Calibrate first</source>
        <translation>das Modell ist nicht kalibriert: zuerst Kalibrieren ausführen</translation>
    </message>
</context>
<context>
    <name>qs::widgets::AccuracySizePlot</name>
    <message>
        <source>Evaluate configs to compare their accuracy and size here; the first run is the FP32 baseline.</source>
        <translation>Konfigurationen auswerten, um hier ihre Genauigkeit und Größe zu vergleichen; der erste Lauf ist die FP32-Basislinie.</translation>
    </message>
    <message>
        <source>model size (MB, weights)</source>
        <translation>Modellgröße (MB, Gewichte)</translation>
    </message>
    <message>
        <source>top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Pareto front (smaller and more accurate)</source>
        <translation>Pareto-Front (kleiner und genauer)</translation>
    </message>
    <message>
        <source>quantized runs</source>
        <translation>quantisierte Läufe</translation>
    </message>
    <message>
        <source>FP32 baseline</source>
        <translation>FP32-Basislinie</translation>
    </message>
    <message>
        <source>quantized, clip %1</source>
        <translation>quantisiert, Clipping %1</translation>
    </message>
    <message>
        <source>top-1 %1%</source>
        <translation>Top-1 %1%</translation>
    </message>
    <message>
        <source>FP32 (the reference)</source>
        <translation>FP32 (die Referenz)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3, %4 MB&lt;br&gt;click to select the run</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3, %4 MB&lt;br&gt;klicken, um den Lauf auszuwählen</translation>
    </message>
</context>
<context>
    <name>qs::widgets::ActivationHistogramView</name>
    <message>
        <source>Log count</source>
        <translation>Log. Anzahl</translation>
    </message>
    <message>
        <source>Logarithmic count axis</source>
        <translation>Logarithmische Anzahl-Achse</translation>
    </message>
    <message>
        <source>Calibrate, then select a layer to see its activation histogram and the range of every method.</source>
        <translation>Kalibrieren und dann eine Schicht auswählen, um ihr Aktivierungshistogramm und den Bereich jeder Methode zu sehen.</translation>
    </message>
    <message>
        <source>No histogram for this value.</source>
        <translation>Kein Histogramm für diesen Wert.</translation>
    </message>
    <message>
        <source>method · pred. SQNR
(click to use)</source>
        <translation>Methode · vorherges. SQNR
(klicken zum Verwenden)</translation>
    </message>
    <message numerus="yes">
        <source>%n quantization levels (ticks), step %1</source>
        <translation>
            <numerusform>%n Quantisierungsstufe (Striche), Schritt %1</numerusform>
            <numerusform>%n Quantisierungsstufen (Striche), Schritt %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n quantization levels, step %1; clipped regions shaded</source>
        <translation>
            <numerusform>%n Quantisierungsstufe, Schritt %1; abgeschnittene Bereiche schattiert</numerusform>
            <numerusform>%n Quantisierungsstufen, Schritt %1; abgeschnittene Bereiche schattiert</numerusform>
        </translation>
    </message>
    <message>
        <source>activation value</source>
        <translation>Aktivierungswert</translation>
    </message>
    <message>
        <source>count (log scale)</source>
        <translation>Anzahl (log. Skala)</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>bin [%1, %2): %3 values</source>
        <translation>Klasse [%1, %2): %3 Werte</translation>
    </message>
    <message>
        <source>value %1 (outside the observed data)</source>
        <translation>Wert %1 (außerhalb der beobachteten Daten)</translation>
    </message>
    <message>
        <source>%1: range [%2, %3], pred. SQNR %4 dB</source>
        <translation>%1: Bereich [%2, %3], vorherges. SQNR %4 dB</translation>
    </message>
    <message>
        <source>click to use %1</source>
        <translation>klicken, um %1 zu verwenden</translation>
    </message>
    <message>
        <source>several methods&apos; lines meet here: click the legend to choose</source>
        <translation>hier treffen sich Linien mehrerer Methoden: zum Auswählen auf die Legende klicken</translation>
    </message>
</context>
<context>
    <name>qs::widgets::GraphLegend</name>
    <message>
        <source>int8</source>
        <translation>int8</translation>
    </message>
    <message>
        <source>FP32 island (the tooltip says why)</source>
        <translation>FP32-Insel (der Tooltip nennt den Grund)</translation>
    </message>
    <message>
        <source>other operators (FP32)</source>
        <translation>andere Operatoren (FP32)</translation>
    </message>
    <message>
        <source>fused chain (one layer)</source>
        <translation>fusionierte Kette (eine Schicht)</translation>
    </message>
    <message>
        <source>quantize / dequantize</source>
        <translation>quantisieren / dequantisieren</translation>
    </message>
    <message>
        <source>error &lt; %1 dB</source>
        <translation>Fehler &lt; %1 dB</translation>
    </message>
    <message>
        <source>error %1–%2 dB</source>
        <translation>Fehler %1–%2 dB</translation>
    </message>
    <message>
        <source>error &gt; %1 dB</source>
        <translation>Fehler &gt; %1 dB</translation>
    </message>
</context>
<context>
    <name>qs::widgets::GraphView</name>
    <message>
        <source>Input</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>shape %1</source>
        <translation>Form %1</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>Eingabe %1</translation>
    </message>
    <message>
        <source>runs int8</source>
        <translation>läuft in int8</translation>
    </message>
    <message>
        <source>FP32 island: %1</source>
        <translation>FP32-Insel: %1</translation>
    </message>
    <message>
        <source>runs FP32</source>
        <translation>läuft in FP32</translation>
    </message>
    <message>
        <source>fuses %1</source>
        <translation>fusioniert %1</translation>
    </message>
    <message>
        <source>error %1 dB</source>
        <translation>Fehler %1 dB</translation>
    </message>
    <message>
        <source>%1 runs as one layer: %2</source>
        <translation>%1 läuft als eine Schicht: %2</translation>
    </message>
    <message>
        <source>Quantize: %1 enters int8 here</source>
        <translation>Quantisierung: %1 geht hier nach int8</translation>
    </message>
    <message>
        <source>Dequantize: %1 leaves int8 here</source>
        <translation>Dequantisierung: %1 verlässt hier int8</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show the whole graph (F); Ctrl+wheel zooms, dragging pans</source>
        <translation>Den ganzen Graphen zeigen (F); Strg+Mausrad zoomt, Ziehen verschiebt</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Actual size (1)</source>
        <translation>Originalgröße (1)</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Legende</translation>
    </message>
    <message>
        <source>Show or hide the legend</source>
        <translation>Legende ein- oder ausblenden</translation>
    </message>
</context>
<context>
    <name>qs::widgets::ObserverComparisonView</name>
    <message>
        <source>Calibrate to compare the range every method picks, layer by layer.</source>
        <translation>Kalibrieren, um die Bereiche aller Methoden Schicht für Schicht zu vergleichen.</translation>
    </message>
    <message>
        <source>No calibrated layers.</source>
        <translation>Keine kalibrierten Schichten.</translation>
    </message>
    <message>
        <source>method
(bar: lo to hi)</source>
        <translation>Methode
(Balken: lo bis hi)</translation>
    </message>
    <message>
        <source>configured (at hi)</source>
        <translation>eingestellt (bei hi)</translation>
    </message>
    <message>
        <source>range picked / observed max |x| of the layer</source>
        <translation>gewählter Bereich / beobachtetes max |x| der Schicht</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (observed [%2, %3]; click to select)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (beobachtet [%2, %3]; klicken zum Auswählen)</translation>
    </message>
    <message>
        <source>%1%2: [%3, %4], %5 dB</source>
        <translation>%1%2: [%3, %4], %5 dB</translation>
    </message>
    <message>
        <source> (configured)</source>
        <translation> (eingestellt)</translation>
    </message>
</context>
<context>
    <name>qs::widgets::WeightRangeView</name>
    <message>
        <source>Select a layer with weights to see the range of each output channel.</source>
        <translation>Eine Schicht mit Gewichten auswählen, um den Bereich jedes Ausgabekanals zu sehen.</translation>
    </message>
    <message>
        <source>This layer has no constant weights.</source>
        <translation>Diese Schicht hat keine konstanten Gewichte.</translation>
    </message>
    <message numerus="yes">
        <source>%1 weights: %n output channels
median channel range = %2% of the tensor range (with one 8-bit scale per tensor: ~%3 of 256 levels)</source>
        <translation>
            <numerusform>%1-Gewichte: %n Ausgabekanal
medianer Kanalbereich = %2% des Tensorbereichs (mit einer 8-Bit-Skala pro Tensor: ~%3 von 256 Stufen)</numerusform>
            <numerusform>%1-Gewichte: %n Ausgabekanäle
medianer Kanalbereich = %2% des Tensorbereichs (mit einer 8-Bit-Skala pro Tensor: ~%3 von 256 Stufen)</numerusform>
        </translation>
    </message>
    <message>
        <source>per-channel [min, max]</source>
        <translation>pro Kanal [min, max]</translation>
    </message>
    <message>
        <source>per-tensor min / max</source>
        <translation>pro Tensor min / max</translation>
    </message>
    <message>
        <source>output channel</source>
        <translation>Ausgabekanal</translation>
    </message>
    <message>
        <source>weight value (BatchNorm folded)</source>
        <translation>Gewichtswert (BatchNorm eingefaltet)</translation>
    </message>
    <message>
        <source>&lt;b&gt;channel %1&lt;/b&gt;&lt;br&gt;[%2, %3]&lt;br&gt;range = %4% of the tensor&apos;s [%5, %6]&lt;br&gt;8-bit levels it spans: ~%7 per tensor, 256 per channel</source>
        <translation>&lt;b&gt;Kanal %1&lt;/b&gt;&lt;br&gt;[%2, %3]&lt;br&gt;Bereich = %4% von [%5, %6] des Tensors&lt;br&gt;überdeckte 8-Bit-Stufen: ~%7 pro Tensor, 256 pro Kanal</translation>
    </message>
</context>
<context>
    <name>AnalysisPlotData</name>
    <message>
        <source>Measured under an earlier config: run %1 again to measure the table as it is now.</source>
        <translation>Unter einer früheren Konfiguration gemessen: %1 erneut ausführen, um die Tabelle in ihrem jetzigen Stand zu messen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;accumulated, whole model int8: %3 dB (simulated %4 dB)&lt;br&gt;isolated, only this layer int8: %5 dB (simulated %6 dB)&lt;br&gt;predicted: %7 dB&lt;br&gt;Click to select the layer.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;kumuliert, ganzes Modell int8: %3 dB (simuliert %4 dB)&lt;br&gt;isoliert, nur diese Schicht int8: %5 dB (simuliert %6 dB)&lt;br&gt;vorhergesagt: %7 dB&lt;br&gt;Klicken, um die Schicht auszuwählen.</translation>
    </message>
    <message numerus="yes">
        <source>SQNR of each layer&apos;s output against FP32 on %n images, worst first: accumulated with the whole model in int8, isolated with only that layer, predicted from the calibration histogram; measured in %1 s. Rank correlation of predicted and isolated SQNR (Spearman&apos;s ρ): %2.</source>
        <translation>
            <numerusform>SQNR der Ausgabe jeder Schicht gegenüber FP32 auf %n Bild, die schlechteste zuerst: kumuliert mit dem ganzen Modell in int8, isoliert nur mit dieser Schicht, vorhergesagt aus dem Kalibrierungshistogramm; gemessen in %1 s. Rangkorrelation von vorhergesagtem und isoliertem SQNR (Spearmans ρ): %2.</numerusform>
            <numerusform>SQNR der Ausgabe jeder Schicht gegenüber FP32 auf %n Bildern, die schlechteste zuerst: kumuliert mit dem ganzen Modell in int8, isoliert nur mit dieser Schicht, vorhergesagt aus dem Kalibrierungshistogramm; gemessen in %1 s. Rangkorrelation von vorhergesagtem und isoliertem SQNR (Spearmans ρ): %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Analyze Layers</source>
        <translation>Schichten analysieren</translation>
    </message>
    <message>
        <source>top-1 drop from FP32 (points)</source>
        <translation>Top-1-Verlust gegenüber FP32 (Punkte)</translation>
    </message>
    <message>
        <source>output SQNR against FP32 (dB)</source>
        <translation>SQNR der Ausgabe gegenüber FP32 (dB)</translation>
    </message>
    <message>
        <source>all_but: every other layer quantized with the table&apos;s config, this one FP32</source>
        <translation>all_but: alle anderen Schichten mit der Konfiguration der Tabelle quantisiert, diese in FP32</translation>
    </message>
    <message>
        <source>Only this layer quantized: weights at %1 bits, activations at 8</source>
        <translation>Nur diese Schicht quantisiert: Gewichte mit %1 Bit, Aktivierungen mit 8</translation>
    </message>
    <message>
        <source>Only this layer quantized: activations at %1 bits, weights at 8</source>
        <translation>Nur diese Schicht quantisiert: Aktivierungen mit %1 Bit, Gewichte mit 8</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;top-1 %1 % (FP32 %2 %): %3 points lower</source>
        <translation>&lt;br&gt;Top-1 %1 % (FP32 %2 %): %3 Punkte niedriger</translation>
    </message>
    <message>
        <source>&lt;br&gt;output SQNR against FP32: %1 dB</source>
        <translation>&lt;br&gt;SQNR der Ausgabe gegenüber FP32: %1 dB</translation>
    </message>
    <message>
        <source>&lt;br&gt;probed on the whole model (the values before this layer are not observable)</source>
        <translation>&lt;br&gt;auf dem ganzen Modell geprüft (die Werte vor dieser Schicht sind nicht beobachtbar)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Click to select the layer.</source>
        <translation>&lt;br&gt;Klicken, um die Schicht auszuwählen.</translation>
    </message>
    <message numerus="yes">
        <source>On %n images: FP32 top-1 %1 %, every layer int8 %2 % (output SQNR %3 dB).</source>
        <translation>
            <numerusform>Auf %n Bild: FP32 Top-1 %1 %, alle Schichten int8 %2 % (SQNR der Ausgabe %3 dB).</numerusform>
            <numerusform>Auf %n Bildern: FP32 Top-1 %1 %, alle Schichten int8 %2 % (SQNR der Ausgabe %3 dB).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On %n images without labels: every layer int8 has an output SQNR of %1 dB.</source>
        <translation>
            <numerusform>Auf %n Bild ohne Labels: alle Schichten in int8 ergeben ein SQNR der Ausgabe von %1 dB.</numerusform>
            <numerusform>Auf %n Bildern ohne Labels: alle Schichten in int8 ergeben ein SQNR der Ausgabe von %1 dB.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cost: %n probes in %1 s (activation cache %2 s, %3 MiB); run on the whole model they would take %4 s.</source>
        <translation>
            <numerusform>Kosten: %n Probe in %1 s (Aktivierungs-Cache %2 s, %3 MiB); auf dem ganzen Modell ausgeführt bräuchte sie %4 s.</numerusform>
            <numerusform>Kosten: %n Proben in %1 s (Aktivierungs-Cache %2 s, %3 MiB); auf dem ganzen Modell ausgeführt bräuchten sie %4 s.</numerusform>
        </translation>
    </message>
    <message>
        <source>The probes ran %1 % of the model&apos;s multiply-accumulates on average, so caching saves at most %2×.</source>
        <translation>Die Proben führten im Mittel %1 % der Multiply-Accumulates des Modells aus; der Cache spart also höchstens das %2×.</translation>
    </message>
    <message>
        <source>Sensitivity Sweep</source>
        <translation>Sensitivitäts-Durchlauf</translation>
    </message>
</context>
<context>
    <name>qs::gui::AnalysisDocks</name>
    <message>
        <source>Top-1 drop from FP32</source>
        <translation>Top-1-Verlust gegenüber FP32</translation>
    </message>
    <message>
        <source>Output SQNR against FP32</source>
        <translation>SQNR der Ausgabe gegenüber FP32</translation>
    </message>
    <message>
        <source>Cell colour:</source>
        <translation>Zellenfarbe:</translation>
    </message>
    <message>
        <source>Run › Analyze Layers to measure every layer&apos;s SQNR against FP32: with the whole model in int8 (accumulated) and with only that layer (isolated), on oneDNN and on its simulation.</source>
        <translation>Ausführen › Schichten analysieren misst das SQNR jeder Schicht gegenüber FP32: mit dem ganzen Modell in int8 (kumuliert) und nur mit dieser Schicht (isoliert), auf oneDNN und in seiner Simulation.</translation>
    </message>
    <message>
        <source>Run › Sensitivity Sweep to see what quantizing each layer alone at 8, 6 and 4 bits costs, and what keeping it in FP32 while the rest is int8 gains.</source>
        <translation>Ausführen › Sensitivitäts-Durchlauf zeigt, was es kostet, jede Schicht allein mit 8, 6 und 4 Bit zu quantisieren, und was es bringt, sie in FP32 zu lassen, während der Rest int8 ist.</translation>
    </message>
</context>
<context>
    <name>qs::gui::AutoquantDialog</name>
    <message>
        <source>Auto Mixed Precision</source>
        <translation>Automatische gemischte Präzision</translation>
    </message>
    <message>
        <source>Minimise:</source>
        <translation>Minimieren:</translation>
    </message>
    <message>
        <source>Size of the weights</source>
        <translation>Größe der Gewichte</translation>
    </message>
    <message>
        <source>Latency (measured, batch 1)</source>
        <translation>Latenz (gemessen, Batch 1)</translation>
    </message>
    <message>
        <source>Latency: every candidate is also timed, batch-1 inference of the whole model on this CPU (median of at least 30 runs), and layers move between int8 and FP32 only: lower weight widths run the same int8 kernels, so they do not change latency.</source>
        <translation>Latenz: jeder Kandidat wird zusätzlich gemessen, Inferenz des ganzen Modells mit Batch 1 auf dieser CPU (Median von mindestens 30 Läufen), und Schichten wechseln nur zwischen int8 und FP32: niedrigere Gewichtsbreiten laufen auf denselben int8-Kernels und ändern die Latenz daher nicht.</translation>
    </message>
    <message>
        <source> points</source>
        <translation> Punkte</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>8 bits</source>
        <translation>8 Bit</translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <source>all %1 evaluation images</source>
        <translation>alle %1 Auswertungsbilder</translation>
    </message>
    <message>
        <source>all evaluation images</source>
        <translation>alle Auswertungsbilder</translation>
    </message>
    <message>
        <source>Top-1 at most this far below FP32:</source>
        <translation>Top-1 höchstens so weit unter FP32:</translation>
    </message>
    <message>
        <source>Without labels, worst output SQNR at least:</source>
        <translation>Ohne Labels SQNR der schlechtesten Ausgabe mindestens:</translation>
    </message>
    <message>
        <source>Weight widths a layer may take:</source>
        <translation>Gewichtsbreiten, die eine Schicht annehmen darf:</translation>
    </message>
    <message>
        <source>Evaluate every candidate on:</source>
        <translation>Jeden Kandidaten auswerten auf:</translation>
    </message>
    <message>
        <source>The search starts from the table&apos;s config and lowers one layer&apos;s weight width at a time, in the order the sensitivity sweep suggests; every candidate is a real int8 evaluation of the whole model and becomes a run (the search&apos;s trace on the accuracy-vs-size plot). Activations keep their widths. For latency, layers only move between int8 and FP32 and each candidate&apos;s measured latency shows in the runs table.</source>
        <translation>Die Suche beginnt mit der Konfiguration der Tabelle und senkt jeweils die Gewichtsbreite einer Schicht, in der Reihenfolge, die der Sensitivitäts-Durchlauf nahelegt; jeder Kandidat ist eine echte int8-Auswertung des ganzen Modells und wird ein Lauf (die Spur der Suche im Diagramm Genauigkeit vs. Größe). Aktivierungen behalten ihre Breiten. Für die Latenz wechseln Schichten nur zwischen int8 und FP32, und die gemessene Latenz jedes Kandidaten steht in der Tabelle der Läufe.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
</context>
<context>
    <name>qs::widgets::LayerErrorChart</name>
    <message>
        <source>Run › Analyze Layers to measure every layer&apos;s SQNR against FP32.</source>
        <translation>Ausführen › Schichten analysieren misst das SQNR jeder Schicht gegenüber FP32.</translation>
    </message>
    <message>
        <source>No layer runs in int8: nothing to measure.</source>
        <translation>Keine Schicht läuft in int8: nichts zu messen.</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>isoliert</translation>
    </message>
    <message>
        <source>accumulated</source>
        <translation>kumuliert</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>vorhergesagt</translation>
    </message>
    <message>
        <source>%1 (int8 ≠ sim)</source>
        <translation>%1 (int8 ≠ Sim.)</translation>
    </message>
    <message>
        <source>SQNR of the layer&apos;s output against FP32 (dB; higher is better)</source>
        <translation>SQNR der Ausgabe der Schicht gegenüber FP32 (dB; höher ist besser)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;accumulated %2 dB, isolated %3 dB (click to select)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;kumuliert %2 dB, isoliert %3 dB (klicken zum Auswählen)</translation>
    </message>
</context>
<context>
    <name>qs::widgets::SensitivityHeatmap</name>
    <message>
        <source>Run › Sensitivity Sweep to see how much each layer costs at each bit width.</source>
        <translation>Ausführen › Sensitivitäts-Durchlauf zeigt, was jede Schicht bei jeder Bitbreite kostet.</translation>
    </message>
    <message>
        <source>No layer runs in int8: nothing to probe.</source>
        <translation>Keine Schicht läuft in int8: nichts zu prüfen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, %2: %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, %2: %3</translation>
    </message>
</context>
<context>
    <name>qs::gui::InputShapeDialog</name>
    <message>
        <source>Input Shape of %1</source>
        <translation>Eingabeform von %1</translation>
    </message>
    <message>
        <source>Dynamic inputs: %1</source>
        <translation>Dynamische Eingaben: %1</translation>
    </message>
    <message>
        <source>Give the shape to run it at, batch first, e.g. &lt;b&gt;1x3x320x320&lt;/b&gt;, or &lt;b&gt;NAME=1x3x48x192&lt;/b&gt; per input separated by &apos;;&apos;. It is remembered for this model and used for calibration, evaluation and the layer table.</source>
        <translation>Die Form angeben, in der es laufen soll, Batch zuerst, z. B. &lt;b&gt;1x3x320x320&lt;/b&gt;, oder &lt;b&gt;NAME=1x3x48x192&lt;/b&gt; je Eingabe, getrennt durch &apos;;&apos;. Sie wird für dieses Modell gespeichert und für Kalibrierung, Auswertung und die Schichttabelle verwendet.</translation>
    </message>
</context>
</TS>
