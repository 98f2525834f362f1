package fovea.train;

import fovea.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-epoch record of a run, with CSV and JSON forms. The columns follow the task: {@code epoch}, then
 * {@code train_<metric>} and {@code val_<metric>} for each of its metrics, {@code seconds}, and its learning rates
 * ({@code lr}); classification's are epoch, train_loss, train_accuracy, val_loss, val_accuracy, seconds, lr.
 */
public final class History {
    private final List<String> metrics;
    private final List<EpochResult> epochs = new ArrayList<>();
    private List<String> rates;

    /** An empty history of a task with these metrics (classification: loss and accuracy). */
    public History(List<String> metrics) {
        this.metrics = List.copyOf(metrics);
    }

    /** An empty history of a classification run. */
    public History() {
        this(List.of("loss", "accuracy"));
    }

    /** Appends one epoch; every epoch records the same learning-rate names as the first. */
    public void add(EpochResult result) {
        if (rates == null) rates = List.copyOf(result.learningRates().keySet());
        if (!rates.equals(List.copyOf(result.learningRates().keySet()))) {
            throw new IllegalArgumentException("History: epoch " + result.epoch() + " records learning rates "
                    + result.learningRates().keySet() + "; expected " + rates + " as before");
        }
        epochs.add(result);
    }

    /** The metric names, in column order. */
    public List<String> metrics() {
        return metrics;
    }

    /** The epochs so far, in order. */
    public List<EpochResult> epochs() {
        return List.copyOf(epochs);
    }

    /** The last epoch, or null before the first. */
    public EpochResult last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    private List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("epoch"));
        for (String m : metrics) columns.add("train_" + m);
        for (String m : metrics) columns.add("val_" + m);
        columns.add("seconds");
        columns.addAll(rates == null ? List.of("lr") : rates);
        return columns;
    }

    private double[] values(EpochResult e) {
        List<Double> values = new ArrayList<>();
        for (String m : metrics) values.add(e.train().getOrDefault(m, Double.NaN));
        for (String m : metrics) values.add(e.validation().getOrDefault(m, Double.NaN));
        values.add(e.seconds());
        for (String r : rates) values.add(e.learningRates().get(r));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A header line and one line per epoch; NaN where there was no validation set. */
    public String toCsv() {
        StringBuilder text = new StringBuilder(String.join(",", columns())).append('\n');
        for (EpochResult e : epochs) {
            text.append(e.epoch());
            for (double v : values(e)) text.append(',').append(number(v));
            text.append(String.format(Locale.ROOT, "%n"));
        }
        return text.toString();
    }

    /** A JSON array of objects with the CSV's columns, one member per line; null where there was no validation set. */
    public String toJson() {
        List<String> columns = columns();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochResult e : epochs) {
            double[] values = values(e);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(columns.get(0), e.epoch());
            // JSON has no NaN: a missing value (no validation set) is null
            for (int c = 0; c < values.length; c++) row.put(columns.get(c + 1), Double.isFinite(values[c]) ? values[c] : null);
            rows.add(row);
        }
        return Json.writePretty(rows) + "\n";
    }

    /** Reads the CSV form back (how a resumed run continues its history). */
    public static History fromCsv(String csv) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        String[] header = lines.isEmpty() ? new String[0] : lines.get(0).split(",");
        int seconds = List.of(header).indexOf("seconds");
        int metricCount = (seconds - 1) / 2;
        List<String> metrics = new ArrayList<>();
        boolean valid = header.length > 0 && header[0].equals("epoch") && seconds >= 1 && (seconds - 1) % 2 == 0;
        for (int m = 0; valid && m < metricCount; m++) {
            String train = header[1 + m];
            String validation = header[1 + metricCount + m];
            valid = train.startsWith("train_") && validation.equals("val_" + train.substring(6));
            if (valid) metrics.add(train.substring(6));
        }
        if (!valid) {
            throw new IllegalArgumentException("History.fromCsv: expected a header epoch,train_<metric>...,val_<metric>..."
                    + ",seconds[,<rates>]; got " + (lines.isEmpty() ? "nothing" : lines.get(0)));
        }
        List<String> rates = List.of(header).subList(seconds + 1, header.length);
        History history = new History(metrics);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length != header.length) {
                throw new IllegalArgumentException("History.fromCsv: expected " + header.length + " fields; got " + line);
            }
            Map<String, Double> train = new LinkedHashMap<>();
            Map<String, Double> validation = new LinkedHashMap<>();
            Map<String, Double> lrs = new LinkedHashMap<>();
            for (int m = 0; m < metricCount; m++) {
                train.put(metrics.get(m), Double.parseDouble(f[1 + m]));
                validation.put(metrics.get(m), Double.parseDouble(f[1 + metricCount + m]));
            }
            for (int r = 0; r < rates.size(); r++) lrs.put(rates.get(r), Double.parseDouble(f[seconds + 1 + r]));
            history.add(new EpochResult(Integer.parseInt(f[0]), train, validation, Double.parseDouble(f[seconds]), lrs));
        }
        return history;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "NaN" : Double.toString(value);
    }
}
