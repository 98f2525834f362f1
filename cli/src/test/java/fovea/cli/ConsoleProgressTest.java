package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.train.Diagnostics;
import fovea.train.EpochResult;
import fovea.train.Loop;
import fovea.train.StepResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a person's terminal shows: the bar's redraws replayed through a small terminal model (carriage return,
 * erase to the end of the line, newline), so that a line printed while the bar is live must survive on screen.
 */
class ConsoleProgressTest {
    /** The screen after {@code written}: \r returns to the line's start, ESC[K erases to its end, \n starts a line. */
    static List<String> screen(String written) {
        List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
        int column = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            StringBuilder line = lines.get(lines.size() - 1);
            if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                lines.add(new StringBuilder());
                column = 0;
            } else if (c == '\u001b' && written.startsWith("\u001b[K", i)) {
                line.setLength(Math.min(line.length(), column));
                i += 2;
            } else {
                if (column < line.length()) line.setCharAt(column, c); else line.append(c);
                column++;
            }
        }
        return lines.stream().map(StringBuilder::toString).toList();
    }

    @Test void linesPrintedWhileTheBarIsLiveStayOnScreen() throws Exception {
        StringWriter written = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(written), true, 72);
        progress.onTrainBegin(null, 1, 1);
        progress.onEpochBegin(1, 8);
        for (int b = 0; b < 3; b++) progress.onBatchEnd(1, b, 8, new StepResult(Map.of("loss", 2.3, "accuracy", 0.1), 16));
        Thread.sleep(600);                                              // the bar draws itself every 250 ms
        assertTrue(written.toString().contains("epoch 1/1  37% ["), "a live frame: " + written);
        progress.onFindings(1, List.of(new Diagnostics.Finding(Diagnostics.Figure.INITIAL_LOSS, "loss", 2.3,
                "loss at initialization 2.3000; expected about ln(10) = 2.3026 for 10 classes", null)));
        for (int b = 3; b < 8; b++) progress.onBatchEnd(1, b, 8, new StepResult(Map.of("loss", 1.0, "accuracy", 0.5), 16));
        Thread.sleep(300);
        progress.onEpochEnd(EpochResult.classification(1, 1.5, 0.3, Double.NaN, Double.NaN, 1.0, 0.001), new Loop.Control());

        List<String> screen = screen(written.toString());
        assertEquals("check: loss at initialization 2.3000; expected about ln(10) = 2.3026 for 10 classes", screen.get(0),
                "the diagnostic, printed during the epoch, is not overwritten: " + screen);
        assertTrue(screen.get(1).startsWith("epoch 1/1  loss 1.5000  acc 0.3000"), "the summary replaces the bar: " + screen);
        assertEquals(List.of(""), screen.subList(2, screen.size()), "nothing else is left on screen: " + screen);
        for (String line : written.toString().split("[\r\n]")) {
            String frame = line.replace("\u001b[K", "");
            if (frame.contains("% [")) assertTrue(frame.length() <= 71, "every frame of the bar fits 72 columns: " + frame);
        }
    }

    @Test void withoutATerminalOneLinePerEpoch() {
        StringWriter written = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(written), false, 80);
        progress.onTrainBegin(null, 1, 2);
        for (int epoch = 1; epoch <= 2; epoch++) {
            progress.onEpochBegin(epoch, 4);
            for (int b = 0; b < 4; b++) progress.onBatchEnd(epoch, b, 4, new StepResult(Map.of("loss", 1.0, "accuracy", 0.5), 8));
            progress.onEpochEnd(EpochResult.classification(epoch, 1.0, 0.5, 0.9, 0.6, 1.0, 0.001), new Loop.Control());
        }
        assertFalse(written.toString().contains("\r"), written.toString());
        assertEquals(2, written.toString().lines().count(), written.toString());
        assertTrue(written.toString().lines().allMatch(l -> l.matches("epoch [12]/2  loss .*val_acc 0\\.6000.*")), written.toString());
    }

    @Test void theBarFitsNarrowAndWideTerminals() {
        for (int width : new int[] {40, 60, 80, 120, 200}) {
            StringWriter written = new StringWriter();
            try (LiveBar bar = new LiveBar(new PrintWriter(written), width, "epoch 10/10", 860)) {
                bar.step(430, " loss 0.5136 acc 0.8179 11558 img/s");
            }
            for (String frame : written.toString().split("[\r\n]")) {
                String text = frame.replace("\u001b[K", "");
                assertTrue(text.length() < width, width + " columns: " + text);
                if (!text.isEmpty()) assertTrue(text.matches("epoch 10/10 +(0|50)% \\[=*>? *\\] .*"), width + ": " + text);
            }
            assertTrue(written.toString().contains("  50% ["), "the last frame shows the steps taken: " + written);
            for (String frame : written.toString().split("[\r\n]")) {
                String text = frame.replace("\u001b[K", "");
                if (text.contains(" 50% [")) assertTrue(text.matches("epoch 10/10  50% \\[={5,15}> *\\] 430/860 .*"), text);
            }
        }
    }
}
