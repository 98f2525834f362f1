package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search order, the download (served from 127.0.0.1) with its checksums, the shipped sample, Debian's files. */
class FashionMnistTest {
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir Path dir;

    /** The four files, tiny: three 2x2 images and their labels, for the training and the test set alike. */
    private static Map<String, byte[]> tinyFiles() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (String name : FashionMnist.FILES) {
            files.put(name, IdxTest.gzip(name.contains("images") ? IdxTest.images() : IdxTest.labels()));
        }
        return files;
    }

    private Path folderWithFiles(String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (Map.Entry<String, byte[]> file : tinyFiles().entrySet()) Files.write(folder.resolve(file.getKey()), file.getValue());
        return folder;
    }

    private static Map<String, String> md5s(Map<String, byte[]> files) throws NoSuchAlgorithmException {
        Map<String, String> sums = new HashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            sums.put(file.getKey(), HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file.getValue())));
        }
        return sums;
    }

    /** An HTTP server on 127.0.0.1 serving {@code files} by name, 404 for anything else. */
    private static HttpServer serve(Map<String, byte[]> files) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fashion/", exchange -> {
            byte[] body = files.get(Path.of(exchange.getRequestURI().getPath()).getFileName().toString());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI base(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fashion");
    }

    @Test void anExplicitFolderComesFirstAndMustHoldTheFiles() throws IOException {
        Path explicit = folderWithFiles("mine");
        Path userData = dir.resolve("user");
        folderWithFiles("user/fashion-mnist");
        FashionMnist.Found found = FashionMnist.find(new FashionMnist.Sources(explicit, userData, null, null, null));
        assertEquals(FashionMnist.Source.EXPLICIT, found.source());
        assertEquals("using Fashion-MNIST from " + explicit, found.message());
        Files.delete(explicit.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals("FashionMnist: " + explicit + ": missing t10k-labels-idx1-ubyte.gz; expected the four files of "
                + "Fashion-MNIST, gzip-compressed or not: " + String.join(", ", FashionMnist.FILES),
                assertThrows(IOException.class,
                        () -> FashionMnist.find(new FashionMnist.Sources(explicit, userData, null, null, null))).getMessage());
    }

    @Test void theUserFolderComesBeforeTheSystemFolderAndUncompressedFilesCount() throws IOException {
        Path system = folderWithFiles("system");
        Path userData = dir.resolve("user");
        Path userFolder = folderWithFiles("user/fashion-mnist");
        FashionMnist.Sources sources = new FashionMnist.Sources(null, userData, system, null, null);
        assertEquals(FashionMnist.Source.USER_DATA, FashionMnist.find(sources).source());
        Files.delete(userFolder.resolve("train-images-idx3-ubyte.gz"));
        FashionMnist.Found found = FashionMnist.find(sources);
        assertEquals(FashionMnist.Source.SYSTEM, found.source());
        assertEquals("using Fashion-MNIST from " + system + " (Debian's dataset-fashion-mnist)", found.message());
        Files.write(userFolder.resolve("train-images-idx3-ubyte"), IdxTest.images());
        assertEquals(FashionMnist.Source.USER_DATA, FashionMnist.find(sources).source());
        assertEquals(3, FashionMnist.readTraining(userFolder).size());
    }

    @Test void downloadsIntoTheUserFolderAndChecksTheMd5() throws Exception {
        Map<String, byte[]> files = tinyFiles();
        HttpServer server = serve(files);
        try {
            Path userData = dir.resolve("home/.fovea/data");
            FashionMnist.Found found = FashionMnist.find(new FashionMnist.Sources(null, userData, dir.resolve("none"),
                    new Mirror(base(server), md5s(files)), null));
            Path folder = userData.resolve("fashion-mnist");
            assertEquals(FashionMnist.Source.DOWNLOAD, found.source());
            assertEquals(folder, found.folder());
            assertTrue(found.message().startsWith("downloaded Fashion-MNIST from " + base(server) + "/ to " + folder),
                    found.message());
            for (String name : FashionMnist.FILES) assertArrayEquals(files.get(name), Files.readAllBytes(folder.resolve(name)));
            try (var left = Files.list(folder)) {
                assertEquals(4, left.count(), "no temporary files remain");
            }
            assertArrayEquals(new float[] {7, 0, 9}, FashionMnist.readTest(folder).labels().toArray());
        } finally {
            server.stop(0);
        }
    }

    @Test void aWrongChecksumIsRejectedAndLeavesNothingBehind() throws Exception {
        Map<String, byte[]> files = tinyFiles();
        Map<String, String> sums = md5s(files);
        sums.put("t10k-images-idx3-ubyte.gz", "0123456789abcdef0123456789abcdef");
        Path sample = folderWithFiles("sample");
        HttpServer server = serve(files);
        try {
            Path userData = dir.resolve("home/.fovea/data");
            FashionMnist.Found found = FashionMnist.find(new FashionMnist.Sources(null, userData, null,
                    new Mirror(base(server), sums), sample));
            assertEquals(FashionMnist.Source.SAMPLE, found.source());
            assertTrue(found.message().contains("download: " + base(server) + "/t10k-images-idx3-ubyte.gz: MD5 is "
                    + md5s(files).get("t10k-images-idx3-ubyte.gz") + ", expected 0123456789abcdef0123456789abcdef"),
                    found.message());
            assertFalse(Files.exists(dir.resolve("home")), "the download made no folders and left no files");
        } finally {
            server.stop(0);
        }
    }

    @Test void aServerThatIsDownFallsBackToTheSampleAndSaysWhy() throws Exception {
        HttpServer server = serve(Map.of());
        URI base = base(server);
        server.stop(0); // nothing listens on that port now
        Path sample = folderWithFiles("sample");
        Path userData = dir.resolve("user");
        FashionMnist.Found found = FashionMnist.find(new FashionMnist.Sources(null, userData, dir.resolve("no-system"),
                new Mirror(base, md5s(tinyFiles())), sample));
        assertEquals(FashionMnist.Source.SAMPLE, found.source());
        assertTrue(found.message().startsWith("using the 6-image sample shipped with Fovea: " + sample + " (nothing in "
                + userData.resolve("fashion-mnist") + "; nothing in " + dir.resolve("no-system") + "; download: " + base),
                found.message());
        assertFalse(Files.exists(userData));
    }

    @Test void withNothingAnywhereTheErrorListsThePlaces() {
        Path userData = dir.resolve("user");
        String message = assertThrows(IOException.class, () -> FashionMnist.find(
                new FashionMnist.Sources(null, userData, dir.resolve("sys"), null, dir.resolve("sample")))).getMessage();
        assertEquals("FashionMnist: not found; nothing in " + userData.resolve("fashion-mnist") + "; nothing in "
                + dir.resolve("sys") + "; no sample in " + dir.resolve("sample"), message);
    }

    @Test void theShippedSampleHoldsFourThousandAndOneThousandImages() throws IOException {
        Path sample = FashionMnist.Sources.defaults().sample();
        assertNotNull(sample, "data/fashion-mnist-sample not found upwards from " + Path.of("").toAbsolutePath());
        FashionMnist.Found found = FashionMnist.find(new FashionMnist.Sources(null, null, null, null, sample));
        assertTrue(found.message().startsWith("using the 5000-image sample shipped with Fovea: "), found.message());
        TensorDataset train = FashionMnist.readTraining(sample);
        TensorDataset test = FashionMnist.readTest(sample);
        assertEquals(4000, train.size());
        assertEquals(1000, test.size());
        assertArrayEquals(new int[] {1, 28, 28}, train.exampleShape());
        assertEquals(10, train.classCount());
        assertEquals(10, test.classCount());
        int[] perClass = new int[10];
        for (float label : train.labels().toArray()) perClass[(int) label]++;
        for (int count : perClass) assertTrue(count > 300, "every class is well represented: " + java.util.Arrays.toString(perClass));
    }

    @Test void debiansFilesReadAsSixtyAndTenThousand() throws IOException {
        assumeTrue(Files.isRegularFile(DEBIAN.resolve(FashionMnist.FILES.get(0))),
                "Debian's dataset-fashion-mnist is not installed: no " + DEBIAN.resolve(FashionMnist.FILES.get(0)));
        assertEquals(60000, FashionMnist.readTraining(DEBIAN).size());
        TensorDataset test = FashionMnist.readTest(DEBIAN);
        assertEquals(10000, test.size());
        assertEquals(10, test.classCount());
    }
}
