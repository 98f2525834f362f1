package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A misspelt command, option or name is one usage line naming what was probably meant. */
class SuggestionsTest {
    private static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
            "adamw", "adadelta");

    /** Runs {@code args}: exit code 2 and exactly {@code line} on stderr. */
    private static void says(String line, String... args) {
        MainTest.Run run = MainTest.run(args);
        assertEquals(2, run.code(), run.err() + run.out());
        assertEquals(line, run.err().strip());
    }

    @Test void closestNamesAreThoseBegunThenThoseWithinAFewSlips() {
        assertEquals(List.of("train"), Cli.closest("trian", List.of("train", "eval", "predict", "transfer")));
        assertEquals(List.of("adam", "adamw"), Cli.closest("adamax", OPTIMIZERS));
        assertEquals(List.of("nesterov"), Cli.closest("Nesterow", OPTIMIZERS));
        assertEquals(List.of("adagrad", "adam", "adamw", "adadelta"), Cli.closest("ada", OPTIMIZERS), "begun, in order");
        assertEquals(List.of("--epochs"), Cli.closest("--epoch", List.of("--epochs", "--lr", "--help")));
        assertEquals(List.of(), Cli.closest("daily", List.of("none", "step", "cosine", "plateau")));
        assertEquals(List.of(), Cli.closest("--", List.of("--epochs", "--lr")), "two dashes begin every option");
        assertEquals(List.of(), Cli.closest("-x", List.of("-h", "-V")), "one letter is a slip from any other");
    }

    @Test void aMisspeltCommandOrOptionNamesTheCloseOnes() {
        says("fovea: unknown command 'trian'; did you mean train? (see 'fovea --help')", "trian");
        says("fovea charrnn: unknown command 'smaple'; did you mean sample? (see 'fovea charrnn --help')",
                "charrnn", "smaple");
        says("fovea train: unknown option '--epoch'; did you mean --epochs? (see 'fovea train --help')",
                "train", "--epoch", "1");
        says("fovea train: unknown option '--batchsize'; did you mean --batch-size? (see 'fovea train --help')",
                "train", "--batchsize=8");
        says("fovea: unknown command 'frobnicate'; expected train, eval, predict, transfer, knn, linear, search, charrnn, "
                + "rnn, demo, models, summary, scenes or bench (see 'fovea --help')", "frobnicate");
        says("fovea summary: unexpected argument 'extra' (see 'fovea summary --help')", "summary", "mlp", "extra");
    }

    @Test void aMisspeltNameNamesTheCloseOnes() {
        says("fovea train: unknown model 'resnet'; did you mean resnet18, resnet34, resnet50, resnet101, resnet152, "
                + "resnet20, resnet56 or resnet110? (see 'fovea train --help')", "train", "--model", "resnet");
        says("fovea summary: unknown model 'lenet'; did you mean lenet5? (see 'fovea summary --help')", "summary", "lenet");
        says("fovea eval: unknown --tta 'tencorp'; did you mean tencrop? (see 'fovea eval --help')",
                "eval", "--weights", "/nonexistent/model.safetensors", "--tta", "tencorp");
        says("fovea train: unknown --data kind 'cifar'; did you mean cifar10? (see 'fovea train --help')",
                "train", "--data", "cifar:/nonexistent");
        says("fovea train: unknown --data 'fashon-mnist'; did you mean fashion-mnist? (see 'fovea train --help')",
                "train", "--data", "fashon-mnist");
    }
}
