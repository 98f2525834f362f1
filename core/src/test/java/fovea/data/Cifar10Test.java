package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 batch files read as CHW images in [0, 1]; a wrong size or label is one error naming the file. */
class Cifar10Test {
    @TempDir Path dir;

    /** {@code labels.length} records; image i has every red byte i, green 100 + i, blue 200 + i. */
    private static byte[] records(int... labels) {
        byte[] bytes = new byte[labels.length * 3073];
        for (int i = 0; i < labels.length; i++) {
            bytes[i * 3073] = (byte) labels[i];
            for (int p = 0; p < 3072; p++) bytes[i * 3073 + 1 + p] = (byte) (p / 1024 * 100 + i);
        }
        return bytes;
    }

    @Test void readsTrainingBatchesInOrderAndTheTestBatch() throws IOException {
        for (int b = 1; b <= 5; b++) Files.write(dir.resolve("data_batch_" + b + ".bin"), records(b, 9 - b));
        Files.write(dir.resolve("test_batch.bin"), records(3));
        TensorDataset train = Cifar10.readTraining(dir);
        assertEquals(10, train.size());
        assertArrayEquals(new int[] {3, 32, 32}, train.exampleShape());
        assertArrayEquals(new float[] {1, 8, 2, 7, 3, 6, 4, 5, 5, 4}, train.labels().toArray());
        Example second = train.get(1);
        assertEquals(1 / 255f, second.features().get(0, 0, 0));
        assertEquals(101 / 255f, second.features().get(1, 31, 31));
        assertEquals(201 / 255f, second.features().get(2, 5, 7));
        assertEquals(1, Cifar10.readTest(dir).size());
        assertEquals("cat", Cifar10.CLASSES.get(3));
    }

    @Test void aSizeThatIsNotWholeRecordsIsNamed() throws IOException {
        byte[] bytes = records(1, 2);
        Path file = Files.write(dir.resolve("data_batch_1.bin"), java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertEquals("cifar10: " + file + ": size 6141 bytes is not a positive multiple of 3073 (1 label byte + 3072 "
                + "pixel bytes per image); the file is truncated or not CIFAR-10",
                assertThrows(IOException.class, () -> Cifar10.read(List.of(file))).getMessage());
    }

    @Test void aLabelAboveNineIsNamed() throws IOException {
        Path file = Files.write(dir.resolve("test_batch.bin"), records(4, 12));
        assertEquals("cifar10: " + file + ": image 1 (byte 3073) has label 12; expected 0..9",
                assertThrows(IOException.class, () -> Cifar10.readTest(dir)).getMessage());
    }

    @Test void aMissingBatchIsNamed() {
        String message = assertThrows(IOException.class, () -> Cifar10.readTraining(dir)).getMessage();
        assertEquals("cifar10: " + dir.resolve("data_batch_1.bin") + ": no such file; expected a batch of CIFAR-10's "
                + "binary version (data_batch_1.bin .. data_batch_5.bin, test_batch.bin)", message);
    }
}
