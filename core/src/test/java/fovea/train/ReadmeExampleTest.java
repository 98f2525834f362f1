package fovea.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.DataLoader;
import fovea.data.FashionMnist;
import fovea.data.TensorDataset;
import fovea.io.Safetensors;
import fovea.nn.Flatten;
import fovea.nn.Linear;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.optim.Adam;
import fovea.tensor.GradCheck;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples as written there (on the shipped sample, for one epoch, to stay quick). */
class ReadmeExampleTest {
    @Test void trainingExample(@TempDir Path dir) throws Exception {
        Path sample = Path.of(System.getProperty("fovea.root", ".."), FashionMnist.SAMPLE_FOLDER);
        Path folder = FashionMnist.find(FashionMnist.Sources.defaults().withExplicit(sample)).folder();
        TensorDataset train = FashionMnist.readTraining(folder);
        TensorDataset test = FashionMnist.readTest(folder);
        Generator random = new Generator(42);
        Module model = new Sequential(new Flatten(), new Linear(784, 512, random), new Relu(), new Linear(512, 10, random));
        Adam adam = new Adam(model.parameters(), Adam.Config.defaults().withLr(1e-3f));
        Classification task = new Classification(model, adam, Losses::crossEntropy, random);
        List<String> printed = new ArrayList<>();
        new Loop<>(task, 1).add(new Callback() {
            @Override public void onEpochEnd(EpochResult r, Loop.Control control) {
                printed.add(String.format("epoch %d: loss %.4f, accuracy %.4f%n", r.epoch(), r.trainLoss(), r.trainAccuracy()));
            }
        }).fit(DataLoader.of(train, DataLoader.Config.training(64, 42)), null);
        double accuracy = task.evaluation(DataLoader.of(test, DataLoader.Config.evaluation(256))).accuracy();
        Safetensors.write(dir.resolve("mlp.safetensors"), model.stateDict(), Map.of());
        assertEquals(1, printed.size());
        assertTrue(accuracy > 0.7, "one epoch on 4000 images: " + accuracy);
        assertEquals(model.stateDict().keySet(), Safetensors.read(dir.resolve("mlp.safetensors")).tensors().keySet());
    }

    @Test void tensorExample() {
        Generator random = new Generator(42);
        float[] classes = new float[64];
        for (int i = 0; i < classes.length; i++) classes[i] = random.nextInt(10);
        Tensor labels = Tensor.of(classes, 64, 1);
        Tensor x = Tensor.randn(random, 64, 784);
        Tensor w = Tensor.randn(random, 784, 10).mul(0.01f).requiresGrad(true);
        Tensor loss = x.matmul(w).logSoftmax(1).gather(1, labels).mean().neg();
        loss.backward();
        assertEquals(Math.log(10), loss.item(), 0.3, "small weights give a loss near ln(C)");
        assertEquals(fovea.tensor.Shape.of(784, 10), w.grad().shape());
        GradCheck.Report report = GradCheck.check(t -> t[0].tanh().mul(t[1]).sum(), Tensor.randn(random, 3, 4),
                Tensor.randn(random, 4));
        assertTrue(report.passed(), report::toString);
    }
}
