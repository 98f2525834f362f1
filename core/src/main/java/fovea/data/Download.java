package fovea.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Downloads a set of files into a folder all or nothing: each goes to a temporary file and is checked against its
 * MD5, and only when every file has arrived intact are they renamed into place. On any failure the temporary files
 * and any folders this made are removed, so a later search never finds a half-written dataset.
 */
final class Download {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private Download() {}

    /** Fetches every file that {@code mirror} has a checksum for into {@code folder}. */
    static void all(Mirror mirror, List<String> names, Path folder) throws IOException {
        Path firstCreated = firstMissing(folder);
        Files.createDirectories(folder);
        List<Path> parts = new ArrayList<>();
        boolean done = false;
        try {
            for (String name : names) {
                String md5 = mirror.md5().get(name);
                if (md5 == null) throw new IOException("download: no MD5 checksum for " + name + "; expected one in " + mirror);
                Path part = Files.createTempFile(folder, name, ".part");
                parts.add(part);
                fetch(mirror.address(name), part, md5);
            }
            for (int i = 0; i < names.size(); i++) move(parts.get(i), folder.resolve(names.get(i)));
            done = true;
        } finally {
            if (!done) {
                for (Path part : parts) Files.deleteIfExists(part);
                removeEmptyFolders(folder, firstCreated);
            }
        }
    }

    private static void fetch(URI address, Path target, String md5) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) address.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("download: " + address + ": server answered " + status + " "
                        + connection.getResponseMessage() + "; expected 200 OK");
            }
            MessageDigest digest = md5Digest();
            try (InputStream in = new DigestInputStream(connection.getInputStream(), digest);
                    OutputStream out = Files.newOutputStream(target)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(md5)) {
                throw new IOException("download: " + address + ": MD5 is " + actual + ", expected " + md5
                        + "; the file is damaged or not the published one, so it was not kept");
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("download: ")) throw e;
            throw new IOException("download: " + address + ": " + e, e);
        } finally {
            connection.disconnect(); // closes the socket instead of parking it in the JDK's keep-alive cache thread
        }
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("download: this JDK has no MD5, which every Java platform must have", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The outermost folder on the way to {@code folder} that does not exist yet, or null. */
    private static Path firstMissing(Path folder) {
        Path missing = null;
        for (Path p = folder.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) missing = p;
        return missing;
    }

    private static void removeEmptyFolders(Path folder, Path firstCreated) throws IOException {
        if (firstCreated == null) return;
        for (Path p = folder.toAbsolutePath(); p != null && p.startsWith(firstCreated); p = p.getParent()) {
            try (var entries = Files.list(p)) {
                if (entries.findAny().isPresent()) return;
            }
            Files.delete(p);
        }
    }
}
