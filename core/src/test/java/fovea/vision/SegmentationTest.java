package fovea.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.AnnotatedBatch;
import fovea.data.AnnotatedImage;
import fovea.data.DataLoader;
import fovea.data.ExampleTransform;
import fovea.data.FashionMnist;
import fovea.nn.Conv2d;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.optim.Adam;
import fovea.tensor.Generator;
import fovea.train.History;
import fovea.train.Loop;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Segmentation on the one loop: a small fully convolutional net learns Fashion scenes' masks. */
class SegmentationTest {
    @Test void aSmallFullyConvolutionalNetLearnsTheMasks() throws Exception {
        FashionScenes.Config config = new FashionScenes.Config(32, 1, 2, 0.75, 1.1, 0.7, 0.2f);
        var items = FashionMnist.readTraining(Path.of(System.getProperty("fovea.root", ".."), FashionMnist.SAMPLE_FOLDER));
        FashionScenes train = new FashionScenes(items, 192, 1, config);
        FashionScenes validation = new FashionScenes(items, 32, 2, config);
        Generator random = new Generator(3);
        Sequential net = new Sequential(new Conv2d(3, 16, Conv2d.Config.of(3).withPadding(1), random), new Relu(),
                new Conv2d(16, 16, Conv2d.Config.of(3).withPadding(1), random), new Relu(),
                new Conv2d(16, 11, Conv2d.Config.of(1), random));
        Segmentation task = new Segmentation(net, new Adam(net.parameters(), Adam.Config.defaults().withLr(0.01f)), 11, random);
        DataLoader<AnnotatedBatch> trainLoader = DataLoader.of(train, DataLoader.Config.training(8, 4),
                ExampleTransform.<AnnotatedImage>identity(), AnnotatedBatch::collate);
        DataLoader<AnnotatedBatch> validationLoader = DataLoader.of(validation, DataLoader.Config.evaluation(16),
                ExampleTransform.<AnnotatedImage>identity(), AnnotatedBatch::collate);
        Segmentation.Evaluation untrained = task.evaluation(validationLoader);
        double before = untrained.metrics().meanIou();
        History history = new Loop<>(task, 8).fit(trainLoader, validationLoader);
        Segmentation.Evaluation after = task.evaluation(validationLoader);
        assertEquals(8, history.epochs().size());
        assertTrue(history.last().train().get("loss") < history.epochs().get(0).train().get("loss"), history.toCsv());
        assertEquals(after.metrics().meanIou(), history.last().validation().get("mean_iou"), 1e-12,
                "the loop's validation figure is the evaluation's");
        String figures = history.toCsv() + " iou " + java.util.Arrays.toString(after.metrics().iou()) + " before " + before;
        // a net this small (a 5x5 view, 8 epochs of 192 scenes) learns the background and begins on the items
        assertTrue(after.metrics().pixelAccuracy() > untrained.metrics().pixelAccuracy() + 0.3, figures);
        assertTrue(after.metrics().meanIou() > before + 0.05, figures);
        assertTrue(after.metrics().iou()[0] > 0.8, "the background is learnt: " + figures);
    }
}
