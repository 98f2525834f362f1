package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals("ImageFolder: " + dir.resolve("empty") + ": no PNG or JPEG images in class folder; expected at least one (torchvision's ImageFolder refuses an empty class too: add images or remove the folder)",
                assertThrows(IOException.class, () -> ImageFolder.read(dir)).getMessage());
        Path broken = Files.writeString(dir.resolve("empty").resolve("broken.png"), "not a png");
        assertEquals("ImageFolder: " + broken + ": not a PNG or JPEG image ImageIO can read",
                assertThrows(IOException.class, () -> ImageFolder.read(dir)).getMessage());
    }

    @Test void aTruncatedPngOrJpegIsOneErrorNamingTheFile() throws IOException {
        save("a", "1.png", gray(2, 2, 0), "png");
        Path png = save("b", "noise.png", noise(40, 40), "png");
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String message = assertThrows(IOException.class, () -> ImageFolder.read(dir, 8)).getMessage();
        assertTrue(message.startsWith("ImageFolder: " + png + ": corrupt or truncated image: "), message);
        Files.delete(png);
        Path jpeg = save("b", "noise.jpg", noise(40, 40), "jpg");
        bytes = Files.readAllBytes(jpeg);
        Files.write(jpeg, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        message = assertThrows(IOException.class, () -> ImageFolder.read(dir, 8)).getMessage();
        assertTrue(message.startsWith("ImageFolder: " + jpeg + ": corrupt or truncated image: "), message);
    }

    @Test void withAnImageSizeEachImageIsResizedAndCentreCropped() throws IOException {
        // 4 x 8 (H x W): the shorter side becomes 2, so 2 x 4, and the centre 2 x 2 is kept: columns 1..2 of the 4.
        BufferedImage wide = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) for (int x = 0; x < 8; x++) wide.getRaster().setSample(x, y, 0, x < 4 ? 0 : 255);
        save("a", "wide.png", wide, "png");
        save("b", "tall.png", gray(9, 3, 51), "png");
        ImageFolder folder = ImageFolder.read(dir.resolve(""), 2);
        assertArrayEquals(new int[] {1, 2, 2}, folder.examples().exampleShape());
        float[] left = folder.examples().get(0).features().toArray();
        assertEquals(0.125f, left[0], 1e-6f, "output column 1 of 4 weighs input columns 1..4 by 1/8, 3/8, 3/8, 1/8; 4 is white");
        assertEquals(0.875f, left[1], 1e-6f, "output column 2 weighs input columns 3..6 alike; 4..6 are white");
        for (float value : folder.examples().get(1).features().toArray()) assertEquals(0.2f, value, 1e-6f);
    }

    @Test void imagesInNestedFoldersBelongToTheirClass() throws IOException {
        save("a/deeper", "1.png", gray(2, 2, 0), "png");
        save("a", "2.png", gray(2, 2, 255), "png");
        save("b", "3.png", gray(2, 2, 51), "png");
        ImageFolder folder = ImageFolder.read(dir);
        assertEquals(List.of("a", "b"), folder.classes());
        assertArrayEquals(new float[] {0, 0, 1}, folder.examples().labels().toArray());
        assertEquals(1f, folder.examples().get(0).features().get(0, 0, 0), "a/2.png sorts before a/deeper/1.png");
    }

    private static BufferedImage noise(int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.setRGB(x, y, random.nextInt(1 << 24));
        return image;
    }
}
