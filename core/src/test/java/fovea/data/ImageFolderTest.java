package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One subfolder per class, sorted; gray and RGB images as [C, H, W] in [0, 1]; another size is named. */
class ImageFolderTest {
    @TempDir Path dir;

    private Path save(String classFolder, String name, BufferedImage image, String format) throws IOException {
        Path file = Files.createDirectories(dir.resolve(classFolder)).resolve(name);
        ImageIO.write(image, format, file.toFile());
        return file;
    }

    private static BufferedImage gray(int height, int width, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.getRaster().setSample(x, y, 0, level);
        return image;
    }

    private static BufferedImage rgb(int height, int width, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.setRGB(x, y, rgb);
        return image;
    }

    @Test void grayscaleImagesAreOneChannelAndClassesAreSorted() throws IOException {
        save("shirt", "b.png", gray(3, 4, 255), "png");
        save("shirt", "a.png", gray(3, 4, 51), "png");
        save("boot", "x.png", gray(3, 4, 0), "png");
        Files.writeString(dir.resolve("shirt").resolve("notes.txt"), "not an image");
        ImageFolder folder = ImageFolder.read(dir);
        assertEquals(List.of("boot", "shirt"), folder.classes());
        assertArrayEquals(new int[] {1, 3, 4}, folder.examples().exampleShape());
        assertArrayEquals(new float[] {0, 1, 1}, folder.examples().labels().toArray());
        assertEquals(0.2f, folder.examples().get(1).features().get(0, 2, 3), 1e-6f);
        assertEquals(1f, folder.examples().get(2).features().get(0, 0, 0));
    }

    @Test void rgbImagesAreChwAndGrayOnesAmongThemAreRepeated() throws IOException {
        save("a", "red.png", rgb(2, 2, 0xFF0000), "png");
        save("b", "gray.png", gray(2, 2, 102), "png");
        save("c", "photo.jpg", rgb(2, 2, 0x808080), "jpg");
        ImageFolder folder = ImageFolder.read(dir);
        assertArrayEquals(new int[] {3, 2, 2}, folder.examples().exampleShape());
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, folder.examples().get(0).features().toArray());
        float[] gray = folder.examples().get(1).features().toArray();
        for (float value : gray) assertEquals(0.4f, value, 1e-6f);
        float[] photo = folder.examples().get(2).features().toArray();
        for (float value : photo) assertEquals(128 / 255f, value, 3 / 255f); // JPEG is lossy
    }

    @Test void anImageOfAnotherSizeIsNamed() throws IOException {
        Path first = save("a", "1.png", gray(28, 28, 0), "png");
        Path odd = save("b", "2.png", gray(28, 30, 0), "png");
        assertEquals("ImageFolder: " + odd + ": image is 28x30 (H x W); expected 28x28 like " + first
                + " (all images must have one size; resize them first)",
                assertThrows(IOException.class, () -> ImageFolder.read(dir)).getMessage());
    }

    @Test void anEmptyClassOrAnUnreadableImageIsNamed() throws IOException {
        save("a", "1.png", gray(2, 2, 0), "png");
        Files.createDirectories(dir.resolve("empty"));
        assertEquals("ImageFolder: " + dir.resolve("empty") + ": no PNG or JPEG images in class folder",
                assertThrows(IOException.class, () -> ImageFolder.read(dir)).getMessage());
        Path broken = Files.writeString(dir.resolve("empty").resolve("broken.png"), "not a png");
        assertEquals("ImageFolder: " + broken + ": not a PNG or JPEG image ImageIO can read",
                assertThrows(IOException.class, () -> ImageFolder.read(dir)).getMessage());
    }
}
