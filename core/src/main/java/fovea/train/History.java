package fovea.train;

import fovea.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The per-epoch record of a run, with CSV and JSON forms. */
public final class History {
    private static final String[] COLUMNS = {"epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy",
        "seconds", "lr"};
    private final List<EpochResult> epochs = new ArrayList<>();

    /** Appends one epoch. */
    public void add(EpochResult result) {
        epochs.add(result);
    }

    /** The epochs so far, in order. */
    public List<EpochResult> epochs() {
        return List.copyOf(epochs);
    }

    /** The last epoch, or null before the first. */
    public EpochResult last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** A header line and one line per epoch; NaN where there was no validation set. */
    public String toCsv() {
        StringBuilder text = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (EpochResult e : epochs) {
            text.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s%n", e.epoch(), number(e.trainLoss()),
                    number(e.trainAccuracy()), number(e.validationLoss()), number(e.validationAccuracy()),
                    number(e.seconds()), number(e.lr())));
        }
        return text.toString();
    }

    /** A JSON array of objects with the CSV's columns, one member per line; null where there was no validation set. */
    public String toJson() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochResult e : epochs) {
            double[] values = {e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds(), e.lr()};
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(COLUMNS[0], e.epoch());
            // JSON has no NaN: a missing value (no validation set) is null
            for (int c = 0; c < values.length; c++) row.put(COLUMNS[c + 1], Double.isFinite(values[c]) ? values[c] : null);
            rows.add(row);
        }
        return Json.writePretty(rows) + "\n";
    }

    /** Reads the CSV form back (how a resumed run continues its history). */
    public static History fromCsv(String csv) {
        History history = new History();
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", COLUMNS))) {
            throw new IllegalArgumentException("History.fromCsv: expected the header " + String.join(",", COLUMNS)
                    + "; got " + (lines.isEmpty() ? "nothing" : lines.get(0)));
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length != COLUMNS.length) {
                throw new IllegalArgumentException("History.fromCsv: expected " + COLUMNS.length + " fields; got " + line);
            }
            history.add(new EpochResult(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
        }
        return history;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "NaN" : Double.toString(value);
    }
}
